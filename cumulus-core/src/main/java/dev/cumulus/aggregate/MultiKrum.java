package dev.cumulus.aggregate;

/**
 * Multi-Krum: the mean of the m inputs with the lowest Krum scores (k = n - f - neighbourOffset, as
 * in {@link Krum}), with m = n - f - selectedOffset; tied scores go to the
 * lexicographically smaller vector.
 *
 * <p>ByzFL selects m = n - f (selectedOffset 0, the default here); AggregaThor and Garfield default
 * to n - f - 2. Needs n >= 2f + 3, like Krum.
 */
public final class MultiKrum implements Aggregator {
    public static final String NAME = "multi-krum";

    private final int f;
    private final int neighbourOffset;
    private final int selectedOffset;

    /** k = n - f - 2 and m = n - f. */
    public MultiKrum(int f) {
        this(f, 2, 0);
    }

    /**
     * @param neighbourOffset 2 (the paper) or 1 (ByzFL), as for {@link Krum}
     * @param selectedOffset  m = n - f - selectedOffset, at least 0 (0 for ByzFL, 2 for AggregaThor)
     */
    public MultiKrum(int f, int neighbourOffset, int selectedOffset) {
        Vectors.requireNonNegativeF(NAME, f);
        KrumScores.checkNeighbourOffset(NAME, neighbourOffset);
        if (selectedOffset < 0) {
            throw new IllegalArgumentException("Invalid value " + selectedOffset + " for multi-krum.selectedOffset: expected at least 0");
        }
        this.f = f;
        this.neighbourOffset = neighbourOffset;
        this.selectedOffset = selectedOffset;
    }

    @Override
    public Precondition precondition() {
        return Precondition.linear(NAME, f, 2, 3);
    }

    @Override
    public float[] aggregate(float[][] inputs) {
        Vectors.checkedLength(NAME, inputs);
        precondition().check(inputs.length);
        int n = inputs.length;
        int k = n - f - neighbourOffset;
        int m = n - f - selectedOffset;
        if (m < 1) {
            throw new IllegalArgumentException(NAME + " would select m = n - f - " + selectedOffset + " = " + m
                    + " inputs; got n = " + n + ", f = " + f);
        }
        double[] scores = KrumScores.of(Vectors.squaredDistances(inputs), KrumScores.all(n), k);
        return Vectors.mean(inputs, Vectors.ascendingOrder(scores, inputs), m);
    }

    @Override
    public String toString() {
        return NAME + "(f=" + f + ", k=n-f-" + neighbourOffset + ", m=n-f-" + selectedOffset + ")";
    }
}
