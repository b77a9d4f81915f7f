package dev.cumulus.aggregate;

/** The plain coordinate-wise mean: the non-robust baseline, which one Byzantine input can move anywhere. */
public final class Mean implements Aggregator {
    public static final String NAME = "mean";

    @Override
    public Precondition precondition() {
        return Precondition.atLeastOne(NAME);
    }

    @Override
    public float[] aggregate(float[][] inputs) {
        Vectors.checkedLength(NAME, inputs);
        precondition().check(inputs.length);
        return Vectors.mean(inputs);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
