package dev.cumulus.aggregate;

/**
 * Exhaustive search over the subsets of n - f inputs (MDA, SMEA): lexicographic enumeration and the
 * cap that keeps a call from running for hours (C(30, 10) is about 3e7).
 */
final class Subsets {
    private Subsets() {
    }

    /** The default cap on subsets searched per call. */
    static final long DEFAULT_LIMIT = 1_000_000;

    static void checkLimit(String rule, long maxSubsets) {
        if (maxSubsets < 1) {
            throw new IllegalArgumentException("Invalid value " + maxSubsets + " for " + rule + ".maxSubsets: expected at least 1");
        }
    }

    /** Fails naming the rule, n, f and C(n, f) when the search would visit more than {@code maxSubsets} subsets. */
    static void checkSearchable(String rule, int n, int f, long maxSubsets) {
        long subsets = binomial(n, f);
        if (subsets > maxSubsets) {
            throw new IllegalArgumentException(rule + " would search C(" + n + ", " + f + ") = "
                    + (subsets == Long.MAX_VALUE ? "more than 9.2e18" : String.valueOf(subsets))
                    + " subsets, more than its limit of " + maxSubsets + "; got n = " + n + ", f = " + f
                    + " (lower f, use fewer peers, or raise maxSubsets)");
        }
    }

    /** The lexicographically first subset of {@code size} indices: 0..size-1. */
    static int[] first(int size) {
        int[] subset = new int[size];
        for (int i = 0; i < size; i++) {
            subset[i] = i;
        }
        return subset;
    }

    /** Steps {@code subset} of 0..n-1 to the next one in lexicographic order; false after the last. */
    static boolean advance(int[] subset, int n) {
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
            try {
                // c * (n - i) is divisible by (i + 1): it is (i + 1) * C(n, i + 1).
                c = Math.multiplyExact(c, (long) (n - i)) / (i + 1);
            } catch (ArithmeticException overflow) {
                return Long.MAX_VALUE;
            }
        }
        return c;
    }
}
