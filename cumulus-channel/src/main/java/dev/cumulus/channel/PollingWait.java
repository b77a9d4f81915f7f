package dev.cumulus.channel;

import dev.cumulus.channel.meter.WaitRecorder;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits for a key on a store that cannot notify: reads it with a backoff that starts at 1 ms and
 * grows to {@code maxPause}, so a value that appears quickly is seen quickly and a long wait costs
 * few requests.
 */
public final class PollingWait {
    private final Duration maxPause;

    public PollingWait(Duration maxPause) {
        this.maxPause = maxPause;
    }

    /**
     * Returns the value as soon as {@code read} finds it.
     *
     * @throws ChannelTimeoutException naming {@code store} and {@code key} when {@code timeout} runs out
     */
    public byte[] await(String store, String key, Duration timeout, Supplier<Optional<byte[]>> read) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Backoff backoff = backoff();
        while (true) {
            Optional<byte[]> value = read.get();
            if (value.isPresent()) {
                return value.get();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ChannelTimeoutException(store + ": key '" + key + "' did not appear within "
                        + timeout.toMillis() + " ms");
            }
            backoff.sleep(left, store + ": interrupted while waiting for key '" + key + "'");
        }
    }

    /** The pauses of one wait, for a store that polls several keys at a time. */
    public Backoff backoff() {
        return new Backoff(maxPause.toNanos());
    }

    /** Pauses of 1 ms, doubling up to the longest pause. */
    public static final class Backoff {
        private final long maxNanos;
        private long pauseNanos = Duration.ofMillis(1).toNanos();

        private Backoff(long maxNanos) {
            this.maxNanos = maxNanos;
        }

        /** Sleeps the next pause, at most {@code leftNanos}; an interruption is a {@link ChannelException} with {@code interrupted}. */
        public void sleep(long leftNanos, String interrupted) {
            long pause = Math.min(pauseNanos, leftNanos);
            long blocked = System.nanoTime();
            try {
                Thread.sleep(pause / 1_000_000, (int) (pause % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChannelException(interrupted, e);
            } finally {
                WaitRecorder.blockedSince(blocked);
            }
            pauseNanos = Math.min(pauseNanos * 2, maxNanos);
        }
    }
}
