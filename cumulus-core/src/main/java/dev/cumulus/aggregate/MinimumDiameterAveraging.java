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
    /** The default cap on subsets searched per call. */
    public static final long DEFAULT_MAX_SUBSETS = Subsets.DEFAULT_LIMIT;

    private final int f;
    private final long maxSubsets;

    public MinimumDiameterAveraging(int f) {
        this(f, DEFAULT_MAX_SUBSETS);
    }

    public MinimumDiameterAveraging(int f, long maxSubsets) {
        Vectors.requireNonNegativeF(NAME, f);
        Subsets.checkLimit(NAME, maxSubsets);
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
        Subsets.checkSearchable(NAME, n, f, maxSubsets);
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
        int[] subset = Subsets.first(size);
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
        } while (Subsets.advance(subset, n));
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

    @Override
    public String toString() {
        return NAME + "(f=" + f + ")";
    }
}
