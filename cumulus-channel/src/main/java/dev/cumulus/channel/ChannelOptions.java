package dev.cumulus.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * How a networked channel talks to its store: the timeout of one request and how often a failed
 * request is retried.
 *
 * <p>With the defaults (2 s per request, 3 attempts, 100 ms first backoff) a store that is down is
 * reported within about 7 s instead of hanging a worker.
 *
 * @param operationTimeout longest wait for one request to the store
 * @param attempts         requests tried before giving up (1 = no retry)
 * @param firstBackoff     pause before the second attempt; doubles for each further attempt
 */
public record ChannelOptions(Duration operationTimeout, int attempts, Duration firstBackoff) {

    public static final ChannelOptions DEFAULTS = new ChannelOptions(Duration.ofSeconds(2), 3, Duration.ofMillis(100));

    public ChannelOptions {
        Objects.requireNonNull(operationTimeout, "operationTimeout");
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        if (operationTimeout.isNegative() || operationTimeout.isZero()) {
            throw new IllegalArgumentException("operationTimeout must be positive, got " + operationTimeout);
        }
        if (attempts < 1 || attempts > 100) {
            throw new IllegalArgumentException("attempts must be in [1, 100], got " + attempts);
        }
        if (firstBackoff.isNegative()) {
            throw new IllegalArgumentException("firstBackoff must not be negative, got " + firstBackoff);
        }
    }

    public ChannelOptions withOperationTimeout(Duration timeout) {
        return new ChannelOptions(timeout, attempts, firstBackoff);
    }

    public ChannelOptions withAttempts(int count) {
        return new ChannelOptions(operationTimeout, count, firstBackoff);
    }

    public ChannelOptions withFirstBackoff(Duration backoff) {
        return new ChannelOptions(operationTimeout, attempts, backoff);
    }
}
