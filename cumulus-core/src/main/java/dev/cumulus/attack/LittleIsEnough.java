package dev.cumulus.attack;

import java.util.random.RandomGenerator;

/**
 * "A little is enough" (ALIE, Baruch, Baruch and Goldberg 2019): every Byzantine peer sends
 * b = mean + direction * z * sigma per coordinate, with sigma the honest vectors' sample standard
 * deviation (divisor h - 1, as ByzFL computes it).
 *
 * <p>By default z is the paper's: with n = honest + Byzantine inputs and f Byzantine ones,
 * s = floor(n/2 + 1) - f supporters and z = Phi^-1((n - s) / n), e.g. z = 0.2533 for n = 5, f = 1.
 * Implementations disagree on the sign: the default direction -1 (b = mean - z sigma) is
 * Karimireddy et al.'s code; ByzFL's b = mean + 1.5 sigma is direction +1 with z = 1.5.
 *
 * @param z         the fixed multiplier, or null for the paper's z(n, f)
 * @param direction -1 or +1
 */
public record LittleIsEnough(Double z, int direction) implements Attack {
    public static final String NAME = "alie";

    public LittleIsEnough {
        if (z != null && !Double.isFinite(z)) {
            throw new IllegalArgumentException("Invalid value " + z + " for alie.z: expected a finite value");
        }
        if (direction != -1 && direction != 1) {
            throw new IllegalArgumentException("Invalid value " + direction + " for alie.direction: expected -1 or 1");
        }
    }

    /** The paper's z(n, f), direction -1. */
    public static LittleIsEnough paper() {
        return new LittleIsEnough(null, -1);
    }

    /**
     * The paper's z for n inputs of which f are Byzantine: Phi^-1((n - s) / n) with
     * s = floor(n/2 + 1) - f. Fails naming n and f when s is not between 1 and n - 1 (f too large
     * for any supporter to be needed).
     */
    public static double paperZ(int n, int f) {
        int supporters = n / 2 + 1 - f;
        if (n < 2 || f < 0 || supporters < 1 || supporters >= n) {
            throw new IllegalArgumentException(NAME + ": the paper's z is undefined for n = " + n + ", f = " + f
                    + " (needs 1 <= floor(n/2 + 1) - f < n)");
        }
        return NormalQuantile.of((double) (n - supporters) / n);
    }

    @Override
    public float[][] forge(float[][] honest, int count, RandomGenerator random) {
        HonestStatistics.checkedLength(NAME, honest, count);
        if (honest.length < 2) {
            throw new IllegalArgumentException(NAME + ": needs at least 2 honest vectors for a standard deviation, got "
                    + honest.length);
        }
        double multiplier = direction * (z != null ? z : paperZ(honest.length + count, count));
        double[] mean = HonestStatistics.mean(honest);
        double[] sigma = HonestStatistics.standardDeviation(honest, mean);
        double[] b = new double[mean.length];
        for (int k = 0; k < b.length; k++) {
            b[k] = mean[k] + multiplier * sigma[k];
        }
        return HonestStatistics.copies(b, count);
    }
}
