package dev.cumulus.runtime.billing;

import java.time.Duration;

/**
 * How EC2 on-demand (Linux) charges an instance: per second of running time with a minimum, at an hourly
 * price.
 *
 * @param instanceType e.g. {@code c5.large}
 * @param usdPerHour on-demand price per hour
 * @param minimumBilledSeconds seconds charged at least once the instance runs (60 today)
 */
public record Ec2Rate(String instanceType, double usdPerHour, long minimumBilledSeconds) {

    public Ec2Rate {
        if (!(usdPerHour >= 0)) {
            throw new IllegalArgumentException("Invalid EC2 price " + usdPerHour + " USD/hour for " + instanceType
                    + ": expected a non-negative number");
        }
        if (minimumBilledSeconds < 0) {
            throw new IllegalArgumentException("Invalid EC2 minimum " + minimumBilledSeconds + " s: expected >= 0");
        }
    }

    /** Seconds billed for {@code running}: whole seconds rounded up, at least the minimum. */
    public long billedSeconds(Duration running) {
        long seconds = (running.toNanos() + 999_999_999L) / 1_000_000_000L;
        return Math.max(minimumBilledSeconds, seconds);
    }

    /** Dollars for one instance running for {@code running}. */
    public double costUsd(Duration running) {
        return billedSeconds(running) * usdPerHour / 3600.0;
    }

    /** Dollars for {@code instances} instances each running for {@code running}. */
    public double costUsd(int instances, Duration running) {
        return instances * costUsd(running);
    }
}
