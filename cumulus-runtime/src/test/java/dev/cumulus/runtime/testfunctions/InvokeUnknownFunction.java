package dev.cumulus.runtime.testfunctions;

import dev.cumulus.runtime.FunctionLimits;
import dev.cumulus.runtime.InvalidInvocationException;
import dev.cumulus.runtime.InvocationContext;
import dev.cumulus.runtime.WorkerFunction;
import java.nio.charset.StandardCharsets;

/** Tries to start an unregistered function and returns the error message it got. */
public final class InvokeUnknownFunction implements WorkerFunction {

    @Override
    public byte[] handle(byte[] payload, InvocationContext context) {
        try {
            context.invokeAsync("no-such-function", new byte[0], FunctionLimits.of(128, 1));
            return "no error".getBytes(StandardCharsets.UTF_8);
        } catch (InvalidInvocationException e) {
            return e.getMessage().getBytes(StandardCharsets.UTF_8);
        }
    }
}
