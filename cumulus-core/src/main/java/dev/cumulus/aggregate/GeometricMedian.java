package dev.cumulus.aggregate;

import java.util.Arrays;

/**
 * The geometric median argmin_y sum_i ||y - x_i|| (RFA, Pillutla et al.), approximated by smoothed
 * Weiszfeld iterations from z = 0: z <- sum_i b_i x_i / sum_i b_i with b_i = 1 / max(nu, ||z - x_i||).
 *
 * <p>ByzFL's defaults are nu = 0.1 and exactly 3 iterations ({@link #byzfl()}); Karimireddy et al.
 * use 8. Iteration stops early once an update moves z by at most {@code tolerance} (L2); a tolerance
 * of 0 always runs every iteration. The smoothing nu keeps a weight finite when z lands on an input.
 * It has no f (its breakdown point is 1/2), so it needs only n >= 1.
 *
 * @param nu            smoothing, finite and > 0
 * @param maxIterations Weiszfeld steps, at least 1
 * @param tolerance     early-stop distance, finite and >= 0
 */
public record GeometricMedian(double nu, int maxIterations, double tolerance) implements Aggregator {
    public static final String NAME = "geomed";

    public GeometricMedian {
        if (!(nu > 0) || Double.isInfinite(nu)) {
            throw new IllegalArgumentException("Invalid value " + nu + " for geomed.nu: expected a finite value > 0");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("Invalid value " + maxIterations + " for geomed.iterations: expected at least 1");
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("Invalid value " + tolerance + " for geomed.tolerance: expected a finite value >= 0");
        }
    }

    /** ByzFL's configuration: nu = 0.1, 3 iterations, no early stop. */
    public static GeometricMedian byzfl() {
        return new GeometricMedian(0.1, 3, 0);
    }

    @Override
    public Precondition precondition() {
        return Precondition.atLeastOne(NAME);
    }

    @Override
    public float[] aggregate(float[][] inputs) {
        int d = Vectors.checkedLength(NAME, inputs);
        precondition().check(inputs.length);
        double[] z = new double[d];
        double[] next = new double[d];
        for (int t = 0; t < maxIterations; t++) {
            Arrays.fill(next, 0);
            double weightSum = 0;
            for (float[] x : inputs) {
                double weight = 1 / Math.max(nu, distance(z, x));
                weightSum += weight;
                for (int k = 0; k < d; k++) {
                    next[k] += weight * x[k];
                }
            }
            double moved = 0;
            for (int k = 0; k < d; k++) {
                next[k] /= weightSum;
                double diff = next[k] - z[k];
                moved += diff * diff;
            }
            double[] swap = z;
            z = next;
            next = swap;
            if (Math.sqrt(moved) <= tolerance) {
                break;
            }
        }
        return Vectors.scaled(z, 1);
    }

    private static double distance(double[] z, float[] x) {
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            double diff = z[k] - x[k];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }
}
