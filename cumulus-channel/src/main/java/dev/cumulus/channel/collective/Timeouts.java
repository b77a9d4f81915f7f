package dev.cumulus.channel.collective;

import java.time.Duration;

/** The one deadline a collective round shares among its waits. */
final class Timeouts {
    private Timeouts() {
    }

    /** What is left until {@code deadline} (a {@link System#nanoTime} value), at least 1 ns so that a wait still checks once. */
    static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }
}
