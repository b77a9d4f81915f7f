package dev.cumulus.aggregate;

/**
 * The coordinate-wise trimmed mean (Yin et al. 2018): per coordinate, drop the f lowest and f
 * highest values and average the other n - 2f. With f = 0 it is the mean. Needs n > 2f.
 */
public final class TrimmedMean implements Aggregator {
    public static final String NAME = "trimmed-mean";

    private final int f;

    public TrimmedMean(int f) {
        Vectors.requireNonNegativeF(NAME, f);
        this.f = f;
    }

    @Override
    public Precondition precondition() {
        return Precondition.linear(NAME, f, 2, 1);
    }

    @Override
    public float[] aggregate(float[][] inputs) {
        Vectors.checkedLength(NAME, inputs);
        precondition().check(inputs.length);
        return Columns.apply(inputs, sorted -> Columns.trimmedMean(sorted, f));
    }

    @Override
    public String toString() {
        return NAME + "(f=" + f + ")";
    }
}
