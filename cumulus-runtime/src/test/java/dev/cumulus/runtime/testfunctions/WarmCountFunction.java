package dev.cumulus.runtime.testfunctions;

import dev.cumulus.runtime.InvocationContext;
import dev.cumulus.runtime.WorkerFunction;
import java.nio.charset.StandardCharsets;

/** Returns how many invocations this instance has handled, so a test can tell a warm container from a new one. */
public final class WarmCountFunction implements WorkerFunction {

    private int handled;

    @Override
    public byte[] handle(byte[] payload, InvocationContext context) {
        handled++;
        return Integer.toString(handled).getBytes(StandardCharsets.UTF_8);
    }
}
