package dev.cumulus.runtime.testfunctions;

import dev.cumulus.runtime.InvocationContext;
import dev.cumulus.runtime.WorkerFunction;
import java.nio.charset.StandardCharsets;

/** Sleeps for the payload's milliseconds and returns its start and end as epoch milliseconds, "start,end". */
public final class SpanFunction implements WorkerFunction {

    @Override
    public byte[] handle(byte[] payload, InvocationContext context) throws Exception {
        long start = System.currentTimeMillis();
        Thread.sleep(Long.parseLong(new String(payload, StandardCharsets.UTF_8).strip()));
        return (start + "," + System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8);
    }
}
