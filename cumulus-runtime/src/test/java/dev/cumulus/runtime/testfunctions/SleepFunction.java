package dev.cumulus.runtime.testfunctions;

import dev.cumulus.runtime.InvocationContext;
import dev.cumulus.runtime.WorkerFunction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Payload "millis[,markerFile]": creates the marker file (so a test knows it is running), then sleeps
 * interruptibly and returns "slept".
 */
public final class SleepFunction implements WorkerFunction {

    @Override
    public byte[] handle(byte[] payload, InvocationContext context) throws Exception {
        String[] parts = new String(payload, StandardCharsets.UTF_8).strip().split(",", 2);
        if (parts.length > 1) {
            Files.writeString(Path.of(parts[1]), context.invocationId());
        }
        Thread.sleep(Long.parseLong(parts[0]));
        return "slept".getBytes(StandardCharsets.UTF_8);
    }
}
