package dev.cumulus.runtime.billing;

import dev.cumulus.runtime.InvocationResult;

/**
 * A running total of what a platform's invocations would cost on AWS Lambda: every billable result adds
 * one request and its billed duration times its memory size. Thread-safe.
 */
public final class BillingMeter {

    private final LambdaRate rate;
    private long requests;
    private long billedMbMillis;
    private long billedMillis;

    public BillingMeter(LambdaRate rate) {
        this.rate = java.util.Objects.requireNonNull(rate, "rate");
    }

    /** The rate this meter charges at. */
    public LambdaRate rate() {
        return rate;
    }

    /** Adds {@code result} if it is billable; ignores it otherwise. */
    public void record(InvocationResult result) {
        if (!result.billable()) {
            return;
        }
        synchronized (this) {
            requests++;
            billedMillis += result.billedDurationMillis();
            billedMbMillis += (long) result.memoryMb() * result.billedDurationMillis();
        }
    }

    /** Dollars this meter charges for {@code result} alone (zero if not billable). */
    public double chargeUsd(InvocationResult result) {
        return result.billable() ? rate.chargeUsd(result.memoryMb(), result.billedDurationMillis()) : 0.0;
    }

    /** The totals so far. */
    public synchronized Bill bill() {
        double gbSeconds = billedMbMillis / 1024.0 / 1000.0;
        return new Bill(requests, billedMillis, gbSeconds, gbSeconds * rate.usdPerGbSecond(),
                requests * rate.usdPerRequest());
    }

    /**
     * A snapshot of charges.
     *
     * @param requests billable invocations
     * @param billedMillis sum of billed durations
     * @param gbSeconds sum of memory (GB) times billed duration (s)
     * @param computeUsd the GB-second part of the charge
     * @param requestUsd the per-request part of the charge
     */
    public record Bill(long requests, long billedMillis, double gbSeconds, double computeUsd, double requestUsd) {

        /** Compute plus requests. */
        public double totalUsd() {
            return computeUsd + requestUsd;
        }
    }
}
