package dev.cumulus.runtime.billing;

import java.time.Duration;

/**
 * How AWS Lambda charges one invocation: a price per GB-second of billed duration (duration rounded up to
 * the billing granularity) plus a price per request.
 *
 * @param architecture {@code x86_64} or {@code arm64}
 * @param usdPerGbSecond price of one GB-second (1 GB = 1024 MB, as Lambda counts)
 * @param usdPerRequest price of one request
 * @param granularityMillis billing increment; 1 ms today
 */
public record LambdaRate(String architecture, double usdPerGbSecond, double usdPerRequest, long granularityMillis) {

    public LambdaRate {
        if (!(usdPerGbSecond >= 0) || !(usdPerRequest >= 0)) {
            throw new IllegalArgumentException("Invalid Lambda price for " + architecture + ": usdPerGbSecond="
                    + usdPerGbSecond + ", usdPerRequest=" + usdPerRequest + "; expected non-negative numbers");
        }
        if (granularityMillis < 1) {
            throw new IllegalArgumentException("Invalid Lambda billing granularity " + granularityMillis
                    + " ms: expected at least 1");
        }
    }

    /**
     * The duration Lambda bills for a run of {@code duration}: rounded up to the granularity, at least one
     * increment (a started invocation is never free).
     */
    public long billedMillis(Duration duration) {
        long nanosPerIncrement = granularityMillis * 1_000_000L;
        long increments = Math.max(1L, (duration.toNanos() + nanosPerIncrement - 1) / nanosPerIncrement);
        return increments * granularityMillis;
    }

    /** GB-seconds for {@code billedMillis} at {@code memoryMb}. */
    public static double gbSeconds(int memoryMb, long billedMillis) {
        return memoryMb / 1024.0 * billedMillis / 1000.0;
    }

    /** Dollars for one invocation: compute plus request. */
    public double chargeUsd(int memoryMb, long billedMillis) {
        return gbSeconds(memoryMb, billedMillis) * usdPerGbSecond + usdPerRequest;
    }
}
