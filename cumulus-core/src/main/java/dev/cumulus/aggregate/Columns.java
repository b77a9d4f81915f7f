package dev.cumulus.aggregate;

import java.util.Arrays;

/** Per-coordinate statistics: each coordinate's n values are sorted once, then reduced. */
final class Columns {
    private Columns() {
    }

    /** A statistic of one coordinate's values, given sorted ascending (NaN last). */
    @FunctionalInterface
    interface SortedStatistic {
        double of(double[] sorted);
    }

    /** Applies {@code statistic} to every coordinate of the rows of {@code inputs} named by {@code rows}. */
    static float[] apply(float[][] inputs, int[] rows, SortedStatistic statistic) {
        int d = inputs[rows[0]].length;
        double[] column = new double[rows.length];
        float[] out = new float[d];
        for (int k = 0; k < d; k++) {
            for (int r = 0; r < rows.length; r++) {
                column[r] = inputs[rows[r]][k];
            }
            Arrays.sort(column);
            out[k] = (float) statistic.of(column);
        }
        return out;
    }

    static float[] apply(float[][] inputs, SortedStatistic statistic) {
        int[] all = new int[inputs.length];
        Arrays.setAll(all, i -> i);
        return apply(inputs, all, statistic);
    }

    /** The median; with an even count, the average of the two middle values (numpy's convention). */
    static double median(double[] sorted) {
        int m = sorted.length;
        return (m & 1) == 1 ? sorted[m / 2] : (sorted[m / 2 - 1] + sorted[m / 2]) / 2;
    }

    /** The mean of the values left after dropping the {@code trim} lowest and {@code trim} highest. */
    static double trimmedMean(double[] sorted, int trim) {
        double sum = 0;
        for (int i = trim; i < sorted.length - trim; i++) {
            sum += sorted[i];
        }
        return sum / (sorted.length - 2 * trim);
    }

    /**
     * The mean of the {@code count} values nearest the median. They form a window of the sorted
     * values, grown one value at a time from the median outwards; at equal distance the lower value
     * is taken first, so the result does not depend on the input order.
     */
    static double meanNearestMedian(double[] sorted, int count) {
        double median = median(sorted);
        int below = sorted.length / 2 - ((sorted.length & 1) == 1 ? 0 : 1);
        while (below + 1 < sorted.length && sorted[below + 1] <= median) {
            below++;
        }
        int above = below + 1;
        double sum = 0;
        for (int taken = 0; taken < count; taken++) {
            boolean takeBelow = above >= sorted.length
                    || (below >= 0 && median - sorted[below] <= sorted[above] - median);
            sum += takeBelow ? sorted[below--] : sorted[above++];
        }
        return sum / count;
    }
}
