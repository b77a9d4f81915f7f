package dev.cumulus.runtime.testfunctions;

import dev.cumulus.runtime.InvocationContext;
import dev.cumulus.runtime.WorkerFunction;
import java.nio.charset.StandardCharsets;

/** Ends its own JVM with the exit code in the payload, as a crashing native library would. */
public final class ExitFunction implements WorkerFunction {

    @Override
    public byte[] handle(byte[] payload, InvocationContext context) throws Exception {
        System.exit(Integer.parseInt(new String(payload, StandardCharsets.UTF_8).strip()));
        return new byte[0];
    }
}
