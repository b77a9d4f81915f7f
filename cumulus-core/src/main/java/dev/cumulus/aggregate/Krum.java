package dev.cumulus.aggregate;

/**
 * Krum (Blanchard et al. 2017): the input whose summed squared distance to its k nearest other
 * inputs is smallest, with k = n - f - neighbourOffset; tied scores go to the
 * lexicographically smaller vector, then the lower index.
 *
 * <p>The paper, AggregaThor and Flower use neighbourOffset = 2 ({@link #Krum(int)}); ByzFL uses 1
 * (it ranks by the mean over n - f - 1, which orders the same as the sum). Needs n >= 2f + 3, the
 * paper's condition, whatever the offset (ByzFL only checks n > 2f).
 */
public final class Krum implements Aggregator {
    public static final String NAME = "krum";

    private final int f;
    private final int neighbourOffset;

    /** The paper's Krum: k = n - f - 2. */
    public Krum(int f) {
        this(f, 2);
    }

    /** @param neighbourOffset 2 (the paper) or 1 (ByzFL) */
    public Krum(int f, int neighbourOffset) {
        Vectors.requireNonNegativeF(NAME, f);
        KrumScores.checkNeighbourOffset(NAME, neighbourOffset);
        this.f = f;
        this.neighbourOffset = neighbourOffset;
    }

    @Override
    public Precondition precondition() {
        return Precondition.linear(NAME, f, 2, 3);
    }

    @Override
    public float[] aggregate(float[][] inputs) {
        Vectors.checkedLength(NAME, inputs);
        precondition().check(inputs.length);
        return inputs[select(inputs)].clone();
    }

    /** The index Krum picks. */
    int select(float[][] inputs) {
        int n = inputs.length;
        int k = n - f - neighbourOffset;
        double[] scores = KrumScores.of(Vectors.squaredDistances(inputs), KrumScores.all(n), k);
        return Vectors.ascendingOrder(scores, inputs)[0];
    }

    @Override
    public String toString() {
        return NAME + "(f=" + f + ", k=n-f-" + neighbourOffset + ")";
    }
}
