package dev.cumulus.runtime.testfunctions;

import dev.cumulus.runtime.InvocationContext;
import dev.cumulus.runtime.WorkerFunction;
import java.nio.charset.StandardCharsets;

/** Prints to standard output (which must not corrupt the process protocol) and echoes its payload. */
public final class OutputNoiseFunction implements WorkerFunction {

    @Override
    public byte[] handle(byte[] payload, InvocationContext context) throws Exception {
        System.out.println("noise on stdout");
        System.out.flush();
        return payload;
    }
}
