package dev.cumulus.aggregate;

/**
 * The mean around the median (Meamed, Xie, Koyejo and Gupta 2018): per coordinate, the average of
 * the n - f values nearest the median (at equal distance the lower value first). Needs n > 2f.
 */
public final class MeanAroundMedian implements Aggregator {
    public static final String NAME = "meamed";

    private final int f;

    public MeanAroundMedian(int f) {
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
        int keep = inputs.length - f;
        return Columns.apply(inputs, sorted -> Columns.meanNearestMedian(sorted, keep));
    }

    @Override
    public String toString() {
        return NAME + "(f=" + f + ")";
    }
}
