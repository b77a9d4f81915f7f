package dev.cumulus.runtime.local;

import dev.cumulus.runtime.FunctionLimits;
import dev.cumulus.runtime.FunctionRegistry;
import dev.cumulus.runtime.LimitRange;
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
 * @param registry the platform's registry, so a function can check names of functions it starts
 * @param limitRange the platform's accepted limits, likewise
 * @param spawner starts functions on behalf of this invocation
 */
public record Task(String invocationId, String functionName, String className, FunctionLimits limits,
        byte[] payload, Instant deadline, FunctionRegistry registry, LimitRange limitRange, Spawner spawner) {

    /** Starts a function on behalf of a running invocation and returns the new invocation's id. */
    @FunctionalInterface
    public interface Spawner {
        /**
         * @param childId the id to give the new invocation, or null to let the platform choose one
         * @throws dev.cumulus.runtime.InvalidInvocationException if the request can never succeed
         */
        String spawn(String childId, String functionName, byte[] payload, FunctionLimits limits);
    }
}
