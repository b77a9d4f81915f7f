package dev.cumulus.attack;

/** Coordinate-wise statistics of the honest vectors, accumulated in double. */
final class HonestStatistics {
    private HonestStatistics() {
    }

    /** The length d of the honest vectors, or an error naming the attack and the offending row. */
    static int checkedLength(String attack, float[][] honest, int count) {
        if (count < 0) {
            throw new IllegalArgumentException(attack + ": count must be at least 0, got " + count);
        }
        if (honest == null || honest.length == 0) {
            throw new IllegalArgumentException(attack + ": needs at least one honest vector");
        }
        int d = honest[0].length;
        for (int i = 1; i < honest.length; i++) {
            if (honest[i].length != d) {
                throw new IllegalArgumentException(attack + ": honest vector " + i + " has length " + honest[i].length
                        + ", expected " + d + " (the length of honest vector 0)");
            }
        }
        return d;
    }

    static double[] mean(float[][] honest) {
        double[] sum = new double[honest[0].length];
        for (float[] h : honest) {
            for (int k = 0; k < sum.length; k++) {
                sum[k] += h[k];
            }
        }
        for (int k = 0; k < sum.length; k++) {
            sum[k] /= honest.length;
        }
        return sum;
    }

    /** The sample standard deviation per coordinate (divisor n - 1, as ByzFL computes it). */
    static double[] standardDeviation(float[][] honest, double[] mean) {
        double[] sum = new double[mean.length];
        for (float[] h : honest) {
            for (int k = 0; k < sum.length; k++) {
                double diff = h[k] - mean[k];
                sum[k] += diff * diff;
            }
        }
        for (int k = 0; k < sum.length; k++) {
            sum[k] = Math.sqrt(sum[k] / (honest.length - 1));
        }
        return sum;
    }

    /** {@code count} copies of {@code b}, each its own array. */
    static float[][] copies(double[] b, int count) {
        float[][] out = new float[count][b.length];
        for (float[] row : out) {
            for (int k = 0; k < b.length; k++) {
                row[k] = (float) b[k];
            }
        }
        return out;
    }
}
