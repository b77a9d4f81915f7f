package dev.cumulus.aggregate;

/**
 * Minimum-diameter averaging (MDA, El Mhamdi et al. 2020): among all subsets of n - f inputs, the
 * one with the smallest diameter (largest pairwise distance) wins, and its mean is the output.
 *
 * <p>The search is exact, over C(n, f) subsets, so it suits small n only: a call that would visit
 * more than {@code maxSubsets} subsets fails rather than run for hours (C(30, 10) is about 3e7).
 * Many subsets share the smallest diameter (it is one pair's distance), and their means differ, so
 * the paper's rule is completed by a tie-break that does not depend on the input order: the
 * smallest sum of squared pairwise distances, then the lowest indices. Needs n > 2f.
 */
public final class MinimumDiameterAveraging implements Aggregator {
    public static final String NAME = "mda";
    /** The default cap on subsets searched per call: about a second for n around 20. */
    public static final long DEFAULT_MAX_SUBSETS = 1_000_000;

    private final int f;
    private final long maxSubsets;

    public MinimumDiameterAveraging(int f) {
        this(f, DEFAULT_MAX_SUBSETS);
    }

    public MinimumDiameterAveraging(int f, long maxSubsets) {
        Vectors.requireNonNegativeF(NAME, f);
        if (maxSubsets < 1) {
            throw new IllegalArgumentException("Invalid value " + maxSubsets + " for mda.maxSubsets: expected at least 1");
        }
        this.f = f;
        this.maxSubsets = maxSubsets;
    }

    @Override
    public Precondition precondition() {
        return Precondition.linear(NAME, f, 2, 1);
    }

    @Override
    public float[] aggregate(float[][] inputs) {
        Vectors.checkedLength(NAME, inputs);
        int n = inputs.length;
        precondition().check(n);
        long subsets = binomial(n, f);
        if (subsets > maxSubsets) {
            throw new IllegalArgumentException(NAME + " would search C(" + n + ", " + f + ") = "
                    + (subsets == Long.MAX_VALUE ? "more than 9.2e18" : String.valueOf(subsets))
                    + " subsets, more than its limit of " + maxSubsets + "; got n = " + n + ", f = " + f
                    + " (lower f, use fewer peers, or raise maxSubsets)");
        }
        int[] best = smallestDiameterSubset(Vectors.squaredDistances(inputs), n - f);
        return Vectors.mean(inputs, best, best.length);
    }

    /**
     * The subset of {@code size} indices with the smallest diameter; among equal diameters (common:
     * the diameter is one pair's distance, shared by every subset holding that pair and nothing
     * farther) the one with the smallest sum of squared pairwise distances, then the first in
     * lexicographic order.
     */
    static int[] smallestDiameterSubset(double[][] squaredDistances, int size) {
        int n = squaredDistances.length;
        int[] subset = new int[size];
        for (int i = 0; i < size; i++) {
            subset[i] = i;
        }
        int[] best = subset.clone();
        double bestDiameter = Double.NaN;
        double bestSpread = Double.NaN;
        do {
            double diameter = diameter(squaredDistances, subset, bestDiameter);
            int byDiameter = Double.compare(diameter, bestDiameter);
            if (byDiameter <= 0) {
                double spread = spread(squaredDistances, subset);
                if (byDiameter < 0 || Double.compare(spread, bestSpread) < 0) {
                    bestDiameter = diameter;
                    bestSpread = spread;
                    System.arraycopy(subset, 0, best, 0, size);
                }
            }
        } while (advance(subset, n));
        return best;
    }

    /** The subset's squared diameter, or any value above {@code bound} once it is known to exceed it. */
    private static double diameter(double[][] squaredDistances, int[] subset, double bound) {
        double max = 0;
        for (int a = 0; a < subset.length; a++) {
            double[] row = squaredDistances[subset[a]];
            for (int b = a + 1; b < subset.length; b++) {
                double s = row[subset[b]];
                if (Double.compare(s, max) > 0) {
                    max = s;
                    if (Double.compare(max, bound) > 0 && !Double.isNaN(bound)) {
                        return max;
                    }
                }
            }
        }
        return max;
    }

    private static double spread(double[][] squaredDistances, int[] subset) {
        double sum = 0;
        for (int a = 0; a < subset.length; a++) {
            double[] row = squaredDistances[subset[a]];
            for (int b = a + 1; b < subset.length; b++) {
                sum += row[subset[b]];
            }
        }
        return sum;
    }

    /** Steps to the next combination in lexicographic order; false after the last one. */
    private static boolean advance(int[] subset, int n) {
        int size = subset.length;
        int i = size - 1;
        while (i >= 0 && subset[i] == n - size + i) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        subset[i]++;
        for (int j = i + 1; j < size; j++) {
            subset[j] = subset[j - 1] + 1;
        }
        return true;
    }

    /** C(n, k), or Long.MAX_VALUE when it does not fit in a long. */
    static long binomial(int n, int k) {
        int r = Math.min(k, n - k);
        long c = 1;
        for (int i = 0; i < r; i++) {
            long numerator = n - i;
            try {
                // c * (n - i) is divisible by (i + 1): it is (i + 1) * C(n, i + 1).
                c = Math.multiplyExact(c, numerator) / (i + 1);
            } catch (ArithmeticException overflow) {
                return Long.MAX_VALUE;
            }
        }
        return c;
    }

    @Override
    public String toString() {
        return NAME + "(f=" + f + ")";
    }
}
