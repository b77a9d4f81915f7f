package dev.cumulus.runtime.testfunctions;

import dev.cumulus.runtime.InvocationContext;
import dev.cumulus.runtime.WorkerFunction;
import java.nio.charset.StandardCharsets;

/** Adds the comma-separated integers in the payload and returns the sum as text. */
public final class SumFunction implements WorkerFunction {

    @Override
    public byte[] handle(byte[] payload, InvocationContext context) throws Exception {
        String text = new String(payload, StandardCharsets.UTF_8).strip();
        long sum = 0;
        for (String part : text.split(",")) {
            sum += Long.parseLong(part.strip());
        }
        return Long.toString(sum).getBytes(StandardCharsets.UTF_8);
    }
}
