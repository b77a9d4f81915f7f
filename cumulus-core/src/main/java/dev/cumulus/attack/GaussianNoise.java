package dev.cumulus.attack;

import java.util.random.RandomGenerator;

/**
 * Gaussian noise: every coordinate of every Byzantine vector drawn independently from
 * N(mean, standardDeviation^2), ignoring the honest vectors. ByzFL's defaults are 0 and 1.
 *
 * @param mean              finite
 * @param standardDeviation the scale, finite and >= 0
 */
public record GaussianNoise(double mean, double standardDeviation) implements Attack {
    public static final String NAME = "gaussian";

    public GaussianNoise {
        if (!Double.isFinite(mean)) {
            throw new IllegalArgumentException("Invalid value " + mean + " for gaussian.mean: expected a finite value");
        }
        if (!(standardDeviation >= 0) || Double.isInfinite(standardDeviation)) {
            throw new IllegalArgumentException("Invalid value " + standardDeviation
                    + " for gaussian.standardDeviation: expected a finite value >= 0");
        }
    }

    @Override
    public float[][] forge(float[][] honest, int count, RandomGenerator random) {
        int d = HonestStatistics.checkedLength(NAME, honest, count);
        float[][] out = new float[count][d];
        for (float[] row : out) {
            for (int k = 0; k < d; k++) {
                row[k] = (float) random.nextGaussian(mean, standardDeviation);
            }
        }
        return out;
    }
}
