package dev.cumulus.runtime.testfunctions;

import dev.cumulus.runtime.InvocationContext;
import dev.cumulus.runtime.WorkerFunction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Payload "startedFile,unwoundFile": creates the first file, sleeps until interrupted, then takes
 * 300 ms to unwind (as a function closing what it opened) and creates the second.
 */
public final class UnwindFunction implements WorkerFunction {

    @Override
    public byte[] handle(byte[] payload, InvocationContext context) throws Exception {
        String[] files = new String(payload, StandardCharsets.UTF_8).strip().split(",", 2);
        Files.writeString(Path.of(files[0]), context.invocationId());
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            long until = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            Files.writeString(Path.of(files[1]), "unwound");
            throw e;
        }
        return "slept".getBytes(StandardCharsets.UTF_8);
    }
}
