package dev.cumulus.runtime;

import java.util.Optional;

/**
 * The memory sizes and time limits a platform accepts, inclusive on both ends.
 *
 * @param minMemoryMb smallest memory size in MB
 * @param maxMemoryMb largest memory size in MB
 * @param minTimeoutSeconds shortest time limit in seconds
 * @param maxTimeoutSeconds longest time limit in seconds
 */
public record LimitRange(int minMemoryMb, int maxMemoryMb, int minTimeoutSeconds, int maxTimeoutSeconds) {

    /** AWS Lambda's range: 128..10240 MB and 1..900 s (15 minutes). */
    public static final LimitRange LAMBDA = new LimitRange(128, 10_240, 1, 900);

    public LimitRange {
        if (minMemoryMb < 1 || maxMemoryMb < minMemoryMb) {
            throw new IllegalArgumentException("Invalid memory range " + minMemoryMb + ".." + maxMemoryMb
                    + " MB: expected 1 <= min <= max");
        }
        if (minTimeoutSeconds < 1 || maxTimeoutSeconds < minTimeoutSeconds) {
            throw new IllegalArgumentException("Invalid timeout range " + minTimeoutSeconds + ".."
                    + maxTimeoutSeconds + " s: expected 1 <= min <= max");
        }
    }

    /** Why {@code limits} is outside this range, or empty if it is inside. */
    public Optional<String> violation(FunctionLimits limits) {
        if (limits == null) {
            return Optional.of("limits are missing");
        }
        if (limits.memoryMb() < minMemoryMb || limits.memoryMb() > maxMemoryMb) {
            return Optional.of("memoryMb " + limits.memoryMb() + " is outside this platform's range "
                    + minMemoryMb + ".." + maxMemoryMb + " MB");
        }
        if (limits.timeoutSeconds() < minTimeoutSeconds || limits.timeoutSeconds() > maxTimeoutSeconds) {
            return Optional.of("timeoutSeconds " + limits.timeoutSeconds() + " is outside this platform's range "
                    + minTimeoutSeconds + ".." + maxTimeoutSeconds + " s");
        }
        return Optional.empty();
    }
}
