package dev.cumulus.aggregate;

import java.util.Arrays;

/**
 * The step before aggregation that drops every input that is null, has the wrong length or holds a
 * NaN or infinite value, and says which ones it dropped, so that one malformed (Byzantine) vector
 * can neither crash an honest peer nor poison every rule's arithmetic (NaN breaks sorting and
 * infinity minus infinity is NaN in distances).
 *
 * <p>Honest peers never send such vectors, so each dropped input is a Byzantine one that has
 * revealed itself: the caller may count it against f (at most {@code f - dropped} Byzantine inputs
 * remain), or keep the rule's f, which is safe but asks for more inputs than needed.
 *
 * @param expectedLength d, the length every input must have, at least 0
 */
public record Screening(int expectedLength) {

    public Screening {
        if (expectedLength < 0) {
            throw new IllegalArgumentException("expectedLength must be at least 0, got " + expectedLength);
        }
    }

    /**
     * What screening kept and dropped.
     *
     * @param kept          the inputs kept, in their original order (the same arrays, not copies)
     * @param keptIndices   the original index of each kept input
     * @param droppedIndices the original indices of the dropped inputs, ascending
     */
    public record Result(float[][] kept, int[] keptIndices, int[] droppedIndices) {
        public int dropped() {
            return droppedIndices.length;
        }

        /** The Byzantine count left among the kept inputs if at most {@code f} were Byzantine in all. */
        public int remainingByzantine(int f) {
            return Math.max(0, f - droppedIndices.length);
        }
    }

    public Result screen(float[][] inputs) {
        int n = inputs.length;
        int[] kept = new int[n];
        int[] dropped = new int[n];
        int keptCount = 0;
        int droppedCount = 0;
        for (int i = 0; i < n; i++) {
            if (acceptable(inputs[i])) {
                kept[keptCount++] = i;
            } else {
                dropped[droppedCount++] = i;
            }
        }
        float[][] rows = new float[keptCount][];
        for (int r = 0; r < keptCount; r++) {
            rows[r] = inputs[kept[r]];
        }
        return new Result(rows, Arrays.copyOf(kept, keptCount), Arrays.copyOf(dropped, droppedCount));
    }

    private boolean acceptable(float[] x) {
        if (x == null || x.length != expectedLength) {
            return false;
        }
        for (float v : x) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
