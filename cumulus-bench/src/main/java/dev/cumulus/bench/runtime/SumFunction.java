package dev.cumulus.bench.runtime;

import dev.cumulus.runtime.InvocationContext;
import dev.cumulus.runtime.WorkerFunction;

/** A tiny function (sums the payload's bytes), so the benchmark measures the platform, not the work. */
public final class SumFunction implements WorkerFunction {

    @Override
    public byte[] handle(byte[] payload, InvocationContext context) {
        long sum = 0;
        for (byte b : payload) {
            sum += b;
        }
        return Long.toString(sum).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
