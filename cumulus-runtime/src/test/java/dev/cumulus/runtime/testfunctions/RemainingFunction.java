package dev.cumulus.runtime.testfunctions;

import dev.cumulus.runtime.InvocationContext;
import dev.cumulus.runtime.WorkerFunction;
import java.nio.charset.StandardCharsets;

/** Returns the remaining milliseconds and memory size the context reports, "remaining,memoryMb". */
public final class RemainingFunction implements WorkerFunction {

    @Override
    public byte[] handle(byte[] payload, InvocationContext context) throws Exception {
        return (context.remainingMillis() + "," + context.memoryMb()).getBytes(StandardCharsets.UTF_8);
    }
}
