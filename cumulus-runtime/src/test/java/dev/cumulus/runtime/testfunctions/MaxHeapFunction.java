package dev.cumulus.runtime.testfunctions;

import dev.cumulus.runtime.InvocationContext;
import dev.cumulus.runtime.WorkerFunction;
import java.nio.charset.StandardCharsets;

/** Returns the JVM's maximum heap in MB, to show a process platform applies the memory size. */
public final class MaxHeapFunction implements WorkerFunction {

    @Override
    public byte[] handle(byte[] payload, InvocationContext context) {
        return Long.toString(Runtime.getRuntime().maxMemory() / (1024 * 1024)).getBytes(StandardCharsets.UTF_8);
    }
}
