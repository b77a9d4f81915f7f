package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import java.time.Duration;
import java.util.Objects;

/** The settings a collective shares: where its keys live, who this worker is, how long it waits. */
record GroupConfig(Channel channel, String prefix, int rank, int workers, Duration timeout, boolean lz4) {

    GroupConfig {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(timeout, "timeout");
        if (prefix.isEmpty() || prefix.endsWith("/")) {
            throw new IllegalArgumentException("prefix must be non-empty and not end with '/', got '" + prefix + "'");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        if (rank < 0 || rank >= workers) {
            throw new IllegalArgumentException("rank must be in [0, " + workers + "), got " + rank);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    String roundPrefix(long round) {
        return prefix + "/" + round + "/";
    }

    String where(String pattern, long round) {
        return pattern + " round " + round + " under '" + prefix + "' on " + channel.describe();
    }
}
