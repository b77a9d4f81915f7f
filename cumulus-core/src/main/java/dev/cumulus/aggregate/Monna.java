package dev.cumulus.aggregate;

/**
 * MoNNA (Farhadkhani et al. 2023): the mean of the n - f inputs nearest the caller's own trusted
 * vector (input {@code trustedIndex}, which counts as its own nearest). Tied distances go
 * to the lexicographically smaller vector.
 * Needs n > 2f.
 */
public final class Monna implements Aggregator {
    public static final String NAME = "monna";

    private final int f;
    private final int trustedIndex;

    public Monna(int f, int trustedIndex) {
        Vectors.requireNonNegativeF(NAME, f);
        if (trustedIndex < 0) {
            throw new IllegalArgumentException("Invalid value " + trustedIndex + " for monna.trustedIndex: expected at least 0");
        }
        this.f = f;
        this.trustedIndex = trustedIndex;
    }

    @Override
    public Precondition precondition() {
        return Precondition.linear(NAME, f, 2, 1);
    }

    @Override
    public float[] aggregate(float[][] inputs) {
        Vectors.checkedLength(NAME, inputs);
        int n = inputs.length;
        precondition().check(n);
        if (trustedIndex >= n) {
            throw new IllegalArgumentException(NAME + ": trustedIndex " + trustedIndex + " is out of range for n = " + n);
        }
        float[] trusted = inputs[trustedIndex];
        double[] distances = new double[n];
        for (int i = 0; i < n; i++) {
            distances[i] = Vectors.squaredDistance(inputs[i], trusted);
        }
        return Vectors.mean(inputs, Vectors.ascendingOrder(distances, inputs), n - f);
    }

    @Override
    public String toString() {
        return NAME + "(f=" + f + ", trusted=" + trustedIndex + ")";
    }
}
