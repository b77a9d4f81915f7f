package dev.cumulus.runtime;

import java.time.Instant;

/**
 * What a running {@link WorkerFunction} knows about its own invocation: identity, limits, remaining time,
 * and a way to start another function (typically its own successor) on the same platform.
 *
 * <p>Starting a function from inside a function is asynchronous, as on a FaaS service: the caller gets
 * the new invocation's id at once and does not wait for it, so a function that is about to reach its
 * time limit can write a checkpoint, start its successor and return. The platform's owner can follow the
 * chain through {@link InvocationResult#invokedIds()} and {@link FunctionPlatform#find(String)}.
 */
public interface InvocationContext {

    /** This invocation's id, unique on its platform. */
    String invocationId();

    /** The registered name of the running function. */
    String functionName();

    /** The limits this invocation runs under (memory, time). */
    FunctionLimits limits();

    /** Memory size in MB this invocation was given. */
    default int memoryMb() {
        return limits().memoryMb();
    }

    /** The instant after which the platform stops this invocation. */
    Instant deadline();

    /** Milliseconds left before {@link #deadline()}, never negative. */
    default long remainingMillis() {
        return Math.max(0L, deadline().toEpochMilli() - System.currentTimeMillis());
    }

    /**
     * Starts {@code functionName} on the same platform without waiting for it.
     *
     * @return the new invocation's id
     * @throws InvalidInvocationException if the name is not registered or the limits are outside the
     *     platform's range (the function learns at once rather than through a lost result)
     * @throws IllegalStateException if the platform can no longer accept invocations
     */
    String invokeAsync(String functionName, byte[] payload, FunctionLimits limits);

    /** Starts this same function again with the same limits (its successor) and returns its id. */
    default String invokeSuccessor(byte[] payload) {
        return invokeAsync(functionName(), payload, limits());
    }
}
