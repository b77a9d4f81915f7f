package dev.cumulus.ps;

import java.util.Objects;

/**
 * How a {@link ParameterServerClient} talks to its server. Built with {@link #builder(ServerAddress)};
 * every value is checked when built.
 *
 * @param address              the server
 * @param callTimeoutMillis    the deadline of one attempt of a call (a pull adds its server-side wait)
 * @param retryWaitMillis      how long a call keeps retrying while the server does not answer (a
 *                             restart, a lost connection) before it fails with
 *                             {@link ServerUnavailableException}
 * @param pullWaitMillis       how long {@link ParameterServerClient#pull(long)} waits for its round
 * @param initialBackoffMillis the first pause between retries; it doubles up to maxBackoffMillis
 * @param maxBackoffMillis     the longest pause between retries
 * @param maxMessageBytes      the largest message accepted from the server
 */
public record ClientOptions(ServerAddress address, long callTimeoutMillis, long retryWaitMillis, long pullWaitMillis,
                            long initialBackoffMillis, long maxBackoffMillis, int maxMessageBytes) {

    public ClientOptions {
        Objects.requireNonNull(address, "address");
        positive("callTimeoutMillis", callTimeoutMillis);
        if (retryWaitMillis < 0) {
            throw new IllegalArgumentException("Invalid retryWaitMillis " + retryWaitMillis + ": expected >= 0");
        }
        positive("pullWaitMillis", pullWaitMillis);
        positive("initialBackoffMillis", initialBackoffMillis);
        if (maxBackoffMillis < initialBackoffMillis) {
            throw new IllegalArgumentException("Invalid maxBackoffMillis " + maxBackoffMillis
                    + ": expected >= initialBackoffMillis " + initialBackoffMillis);
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("Invalid maxMessageBytes " + maxMessageBytes + ": expected >= 1024");
        }
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException("Invalid " + name + " " + value + ": expected >= 1");
        }
    }

    /**
     * Defaults: 10 s per attempt, 60 s of retries while the server is away, pulls wait up to 10 min,
     * backoff from 50 ms doubling to 2 s, messages up to 512 MiB.
     */
    public static Builder builder(ServerAddress address) {
        return new Builder(address);
    }

    /** Builds {@link ClientOptions}. */
    public static final class Builder {
        private final ServerAddress address;
        private long callTimeoutMillis = 10_000;
        private long retryWaitMillis = 60_000;
        private long pullWaitMillis = 600_000;
        private long initialBackoffMillis = 50;
        private long maxBackoffMillis = 2_000;
        private int maxMessageBytes = 512 << 20;

        private Builder(ServerAddress address) {
            this.address = address;
        }

        public Builder callTimeoutMillis(long value) {
            callTimeoutMillis = value;
            return this;
        }

        public Builder retryWaitMillis(long value) {
            retryWaitMillis = value;
            return this;
        }

        public Builder pullWaitMillis(long value) {
            pullWaitMillis = value;
            return this;
        }

        public Builder initialBackoffMillis(long value) {
            initialBackoffMillis = value;
            return this;
        }

        public Builder maxBackoffMillis(long value) {
            maxBackoffMillis = value;
            return this;
        }

        public Builder maxMessageBytes(int value) {
            maxMessageBytes = value;
            return this;
        }

        public ClientOptions build() {
            return new ClientOptions(address, callTimeoutMillis, retryWaitMillis, pullWaitMillis, initialBackoffMillis,
                    maxBackoffMillis, maxMessageBytes);
        }
    }
}
