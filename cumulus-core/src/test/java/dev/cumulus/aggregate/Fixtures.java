package dev.cumulus.aggregate;

import java.util.SplittableRandom;

/** The worked examples of byzantine.md and random inputs for the properties. */
final class Fixtures {
    private Fixtures() {
    }

    /** Fixture F: n = 5, d = 2, f = 1, the last input Byzantine. */
    static float[][] f() {
        return new float[][] {{1, 2}, {2, 4}, {3, 0}, {4, 1}, {9, -6}};
    }

    /** Bulyan's example X7 (f = 1). */
    static float[][] x7() {
        return new float[][] {{1, 2}, {2, 4}, {3, 0}, {4, 1}, {2.5f, 2}, {1.5f, 1}, {9, -6}};
    }

    /** n rows of length d with entries uniform in (-scale, scale). */
    static float[][] random(long seed, int n, int d, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] out = new float[n][d];
        for (float[] row : out) {
            for (int k = 0; k < d; k++) {
                row[k] = (float) (random.nextDouble(-1, 1) * scale);
            }
        }
        return out;
    }

    static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += ((double) a[k] - b[k]) * ((double) a[k] - b[k]);
        }
        return s;
    }

    /** The mean of the rows whose bit is set in {@code mask}. */
    static float[] meanOfMask(float[][] x, long mask) {
        double[] sum = new double[x[0].length];
        int count = 0;
        for (int i = 0; i < x.length; i++) {
            if ((mask >>> i & 1) != 0) {
                count++;
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += x[i][k];
                }
            }
        }
        float[] out = new float[sum.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = (float) (sum[k] / count);
        }
        return out;
    }

    static float[][] permuted(float[][] x, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] out = x.clone();
        for (int i = out.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            float[] t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }
}
