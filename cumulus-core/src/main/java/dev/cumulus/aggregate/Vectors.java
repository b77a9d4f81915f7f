package dev.cumulus.aggregate;

import java.util.Arrays;

/** The vector arithmetic the rules share, accumulating in double so float inputs lose nothing. */
final class Vectors {
    private Vectors() {
    }

    /** The common length d of {@code inputs}, or an error naming the rule and the offending row. */
    static int checkedLength(String rule, float[][] inputs) {
        if (inputs == null || inputs.length == 0) {
            throw new IllegalArgumentException(rule + ": no inputs");
        }
        if (inputs[0] == null) {
            throw new IllegalArgumentException(rule + ": input 0 is null");
        }
        int d = inputs[0].length;
        for (int i = 1; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new IllegalArgumentException(rule + ": input " + i + " is null");
            }
            if (inputs[i].length != d) {
                throw new IllegalArgumentException(rule + ": input " + i + " has length " + inputs[i].length
                        + ", expected " + d + " (the length of input 0)");
            }
        }
        return d;
    }

    static double squaredDistance(float[] a, float[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            double diff = (double) a[k] - b[k];
            sum += diff * diff;
        }
        return sum;
    }

    static double norm(float[] a) {
        double sum = 0;
        for (float v : a) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    /** The symmetric matrix of squared distances, computed directly (no norm expansion, so never negative). */
    static double[][] squaredDistances(float[][] inputs) {
        int n = inputs.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = squaredDistance(inputs[i], inputs[j]);
                out[i][j] = s;
                out[j][i] = s;
            }
        }
        return out;
    }

    /** The mean of the first {@code count} inputs named by {@code indices}. */
    static float[] mean(float[][] inputs, int[] indices, int count) {
        int d = inputs[indices[0]].length;
        double[] sum = new double[d];
        for (int c = 0; c < count; c++) {
            float[] x = inputs[indices[c]];
            for (int k = 0; k < d; k++) {
                sum[k] += x[k];
            }
        }
        return scaled(sum, 1.0 / count);
    }

    static float[] mean(float[][] inputs) {
        int[] all = new int[inputs.length];
        Arrays.setAll(all, i -> i);
        return mean(inputs, all, all.length);
    }

    static float[] scaled(double[] sum, double factor) {
        float[] out = new float[sum.length];
        for (int k = 0; k < sum.length; k++) {
            out[k] = (float) (sum[k] * factor);
        }
        return out;
    }

    /**
     * The positions 0..keys.length-1 ordered by ascending key, where key i belongs to
     * {@code inputs[members[i]]}. Equal keys are ordered by their vectors (lexicographically, by
     * {@link Float#compare}), then by position. Breaking ties by value rather than by index keeps
     * the rules invariant under any permutation of the inputs even when scores tie exactly (as
     * Krum's do at k = 1, where a mutually nearest pair scores the same), so peers that receive the
     * same vectors in different orders agree. NaN keys sort last (as {@link Double#compare} does),
     * which treats a non-finite input as infinitely far.
     */
    static int[] ascendingOrder(double[] keys, float[][] inputs, int[] members) {
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int byKey = Double.compare(keys[a], keys[b]);
            return byKey != 0 ? byKey : Arrays.compare(inputs[members[a]], inputs[members[b]]);
        });
        int[] out = new int[order.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = order[i];
        }
        return out;
    }

    /** {@link #ascendingOrder(double[], float[][], int[])} where key i belongs to {@code inputs[i]}. */
    static int[] ascendingOrder(double[] keys, float[][] inputs) {
        int[] all = new int[keys.length];
        Arrays.setAll(all, i -> i);
        return ascendingOrder(keys, inputs, all);
    }

    static void requireNonNegativeF(String rule, int f) {
        if (f < 0) {
            throw new IllegalArgumentException(rule + ": f must be at least 0, got " + f);
        }
    }
}
