package dev.cumulus.runtime;

/**
 * A stateless function that a {@link FunctionPlatform} runs: bytes in, bytes out, under a memory and
 * time limit.
 *
 * <p>Implementations are registered by name in a {@link FunctionRegistry} as a class name and need a
 * public no-argument constructor, because the platform instantiates them where they run (a thread, a
 * child JVM, a Lambda sandbox). A warm container reuses its instance, so fields act as the warm state
 * a real function keeps between invocations; nothing else may be assumed to survive.
 */
@FunctionalInterface
public interface WorkerFunction {

    /**
     * Handles one invocation.
     *
     * @param payload the bytes the caller sent, never null (possibly empty)
     * @param context this invocation's identity, deadline and a way to start other functions
     * @return the output bytes (null is treated as empty)
     * @throws Exception any failure; the invocation's result then has status {@link InvocationStatus#ERROR}
     *     with the exception's class and message
     */
    byte[] handle(byte[] payload, InvocationContext context) throws Exception;
}
