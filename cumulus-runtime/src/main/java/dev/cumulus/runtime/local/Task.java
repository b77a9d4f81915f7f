package dev.cumulus.runtime.local;

import dev.cumulus.runtime.FunctionLimits;
import java.time.Instant;

/**
 * One invocation as a {@link Container} runs it.
 *
 * @param invocationId the invocation's id
 * @param functionName registered name
 * @param className the class registered for it
 * @param limits memory and time limit
 * @param payload input bytes
 * @param deadline when the platform stops the run
 * @param spawner starts functions on behalf of this invocation
 */
public record Task(String invocationId, String functionName, String className, FunctionLimits limits,
        byte[] payload, Instant deadline, Spawner spawner) {

    /** Starts a function on behalf of a running invocation and returns the new invocation's id. */
    @FunctionalInterface
    public interface Spawner {
        /**
         * @throws dev.cumulus.runtime.InvalidInvocationException if the request can never succeed
         */
        String spawn(String functionName, byte[] payload, FunctionLimits limits);
    }
}
