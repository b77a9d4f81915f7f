package dev.cumulus.aggregate;

/**
 * Nearest-neighbour mixing (NNM, Allouah et al. 2023, "Fixing by mixing"): each input is replaced by
 * the mean of its n - f nearest inputs, itself included, with the f of the rule that follows. Tied
 * distances go to the lexicographically smaller vector. Needs n > 2f, where mixing is meaningful (ByzFL only checks f < n).
 */
public final class NearestNeighbourMixing implements PreAggregator {
    public static final String NAME = "nnm";

    private final int f;

    public NearestNeighbourMixing(int f) {
        Vectors.requireNonNegativeF(NAME, f);
        this.f = f;
    }

    @Override
    public Precondition precondition() {
        return Precondition.linear(NAME, f, 2, 1);
    }

    @Override
    public float[][] apply(float[][] inputs) {
        Vectors.checkedLength(NAME, inputs);
        int n = inputs.length;
        precondition().check(n);
        double[][] distances = Vectors.squaredDistances(inputs);
        float[][] out = new float[n][];
        double[] row = new double[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(distances[i], 0, row, 0, n);
            // Its own distance is 0 but a duplicate with a lower index would tie; -1 keeps i first.
            row[i] = -1;
            out[i] = Vectors.mean(inputs, Vectors.ascendingOrder(row, inputs), n - f);
        }
        return out;
    }

    @Override
    public String toString() {
        return NAME + "(f=" + f + ")";
    }
}
