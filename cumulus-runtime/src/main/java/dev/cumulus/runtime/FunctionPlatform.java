package dev.cumulus.runtime;

import dev.cumulus.runtime.billing.BillingMeter;
import java.util.Optional;

/**
 * A place that runs registered {@link WorkerFunction}s under a memory size and time limit: local threads,
 * local processes, or AWS Lambda.
 *
 * <p>{@link #invoke} never throws for a bad request: an unregistered name or limits outside
 * {@link #limitRange()} give an invocation whose result is already {@link InvocationStatus#INVALID_REQUEST}.
 * Invocations beyond the concurrency limit wait in a FIFO queue. Closing the platform cancels queued
 * invocations and kills running ones.
 */
public interface FunctionPlatform extends AutoCloseable {

    /** Short name used in job files: {@code threads}, {@code processes}, {@code lambda}. */
    String type();

    /**
     * Starts {@code functionName} with {@code payload} under {@code limits} and returns at once.
     *
     * @throws IllegalStateException if the platform is closed
     */
    Invocation invoke(String functionName, byte[] payload, FunctionLimits limits);

    /**
     * The invocation with this id, if this platform started it (including invocations started from inside
     * functions, on platforms that can observe them).
     */
    Optional<Invocation> find(String invocationId);

    /** The limits this platform accepts. */
    LimitRange limitRange();

    /** How many invocations may run at once; more wait in a queue. */
    int concurrencyLimit();

    /** The meter that charges every completed billable invocation of this platform. */
    BillingMeter billing();

    /** Cancels queued invocations, kills running ones, releases containers and threads. */
    @Override
    void close();
}
