package dev.cumulus.runtime.local;

import dev.cumulus.runtime.LimitRange;
import dev.cumulus.runtime.billing.LambdaRate;
import dev.cumulus.runtime.billing.PriceTable;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings shared by the local platforms (threads, processes): concurrency, cold-start cost, warm-pool
 * expiry, accepted limits and the rate the billing meter charges at.
 *
 * @param concurrencyLimit invocations that may run at once; further ones wait in FIFO order
 * @param coldStartDelay extra time spent starting a new container, standing in for a FaaS cold start
 *     (added to any real start-up cost, such as a JVM's)
 * @param warmIdleExpiry how long an idle container stays warm before it is discarded
 * @param limitRange the memory sizes and time limits accepted
 * @param rate the Lambda rate the billing meter charges at
 */
public record LocalOptions(int concurrencyLimit, Duration coldStartDelay, Duration warmIdleExpiry,
        LimitRange limitRange, LambdaRate rate) {

    public LocalOptions {
        if (concurrencyLimit < 1) {
            throw new IllegalArgumentException("Invalid concurrencyLimit " + concurrencyLimit + ": expected >= 1");
        }
        Objects.requireNonNull(coldStartDelay, "coldStartDelay");
        Objects.requireNonNull(warmIdleExpiry, "warmIdleExpiry");
        if (coldStartDelay.isNegative()) {
            throw new IllegalArgumentException("Invalid coldStartDelay " + coldStartDelay + ": expected >= 0");
        }
        if (warmIdleExpiry.isNegative()) {
            throw new IllegalArgumentException("Invalid warmIdleExpiry " + warmIdleExpiry + ": expected >= 0");
        }
        Objects.requireNonNull(limitRange, "limitRange");
        Objects.requireNonNull(rate, "rate");
    }

    /** Starts a builder with the defaults below. */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: 16 concurrent, 250 ms cold start, 10 min warm expiry, Lambda's range and x86 price. */
    public static LocalOptions defaults() {
        return builder().build();
    }

    /** Same options with a different cold-start delay. */
    public LocalOptions withColdStartDelay(Duration delay) {
        return new LocalOptions(concurrencyLimit, delay, warmIdleExpiry, limitRange, rate);
    }

    /** Builds {@link LocalOptions}; validation happens in {@link #build()}. */
    public static final class Builder {
        private int concurrencyLimit = 16;
        private Duration coldStartDelay = Duration.ofMillis(250);
        private Duration warmIdleExpiry = Duration.ofMinutes(10);
        private LimitRange limitRange = LimitRange.LAMBDA;
        private LambdaRate rate;

        private Builder() {
        }

        public Builder concurrencyLimit(int value) { concurrencyLimit = value; return this; }
        public Builder coldStartDelay(Duration value) { coldStartDelay = value; return this; }
        public Builder warmIdleExpiry(Duration value) { warmIdleExpiry = value; return this; }
        public Builder limitRange(LimitRange value) { limitRange = value; return this; }
        public Builder rate(LambdaRate value) { rate = value; return this; }

        public LocalOptions build() {
            return new LocalOptions(concurrencyLimit, coldStartDelay, warmIdleExpiry, limitRange,
                    rate != null ? rate : PriceTable.defaults().lambda());
        }
    }
}
