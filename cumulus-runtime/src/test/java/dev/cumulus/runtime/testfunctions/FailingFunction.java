package dev.cumulus.runtime.testfunctions;

import dev.cumulus.runtime.InvocationContext;
import dev.cumulus.runtime.WorkerFunction;
import java.nio.charset.StandardCharsets;

/** Always throws, to exercise the ERROR status. */
public final class FailingFunction implements WorkerFunction {

    @Override
    public byte[] handle(byte[] payload, InvocationContext context) throws Exception {
        throw new IllegalStateException("boom: " + new String(payload, StandardCharsets.UTF_8));
    }
}
