package dev.cumulus.engine.protocol;

import dev.cumulus.channel.Channel;
import java.time.Duration;
import java.util.Optional;

/**
 * The run's progress in its channel: one function posts it (at most a few times a second, with an
 * expiry so nothing outlives the run), and the driver reads it while it supervises. Posting never
 * fails the function: progress is for people, not for correctness.
 */
public final class ProgressBoard {
    private static final long MIN_INTERVAL_NANOS = 250_000_000L;
    private static final Duration EXPIRY = Duration.ofMinutes(30);
    private final Channel channel;
    private final String key;
    private long lastPostNanos = Long.MIN_VALUE / 2;

    public ProgressBoard(Channel channel, RunKeys keys) {
        this.channel = channel;
        this.key = keys.prefix() + "progress";
    }

    /** Posts {@code progress} unless one was posted less than a quarter of a second ago. */
    public void post(RunProgress progress) {
        long now = System.nanoTime();
        if (now - lastPostNanos < MIN_INTERVAL_NANOS) {
            return;
        }
        lastPostNanos = now;
        try {
            channel.put(key, progress.encode(), EXPIRY);
        } catch (RuntimeException e) {
            // The run goes on without a progress line; its own calls will fail loudly if the store is gone.
        }
    }

    /** The last progress posted, if any. */
    public Optional<RunProgress> read() {
        try {
            return channel.get(key).map(RunProgress::decode);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
