package dev.cumulus.aggregate;

/**
 * The coordinate-wise median (CWMed, Yin et al. 2018). With an even number of inputs it averages the
 * two middle values, as ByzFL and numpy do (torch.median would take the lower one). Needs n > 2f.
 */
public final class CoordinateMedian implements Aggregator {
    public static final String NAME = "median";

    private final int f;

    public CoordinateMedian(int f) {
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
        return Columns.apply(inputs, Columns::median);
    }

    @Override
    public String toString() {
        return NAME + "(f=" + f + ")";
    }
}
