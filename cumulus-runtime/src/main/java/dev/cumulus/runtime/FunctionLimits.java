package dev.cumulus.runtime;

/**
 * The memory size and time limit requested for one invocation.
 *
 * <p>Deliberately not range-checked here: what is valid depends on the platform ({@link LimitRange}), and
 * a request out of range must come back as an {@link InvocationStatus#INVALID_REQUEST} result rather
 * than as an exception at the call site.
 *
 * @param memoryMb memory size in MB (the Lambda setting; local process platforms also use it as -Xmx)
 * @param timeoutSeconds wall-clock limit of the function's run, excluding cold start
 */
public record FunctionLimits(int memoryMb, int timeoutSeconds) {

    /** Limits of {@code memoryMb} MB and {@code timeoutSeconds} seconds. */
    public static FunctionLimits of(int memoryMb, int timeoutSeconds) {
        return new FunctionLimits(memoryMb, timeoutSeconds);
    }

    /** The time limit in milliseconds. */
    public long timeoutMillis() {
        return timeoutSeconds * 1000L;
    }
}
