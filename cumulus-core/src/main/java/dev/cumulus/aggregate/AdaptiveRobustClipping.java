package dev.cumulus.aggregate;

/**
 * Adaptive robust clipping (ARC, Allouah et al. 2024): with k = floor(2f(n - f) / n), the k inputs
 * of largest norm are clipped to the (k+1)-th largest norm; k = 0 leaves the inputs unchanged.
 * Equal norms at the cut clip to the same value, so their order does not matter. Needs n > 2f.
 */
public final class AdaptiveRobustClipping implements PreAggregator {
    public static final String NAME = "arc";

    private final int f;

    public AdaptiveRobustClipping(int f) {
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
        int clipped = (int) (2L * f * (n - f) / n);
        double[] negatedNorms = new double[n];
        for (int i = 0; i < n; i++) {
            negatedNorms[i] = -Vectors.norm(inputs[i]);
        }
        int[] largestFirst = Vectors.ascendingOrder(negatedNorms, inputs);
        float[][] out = new float[n][];
        double limit = clipped < n ? -negatedNorms[largestFirst[clipped]] : 0;
        for (int r = 0; r < n; r++) {
            int i = largestFirst[r];
            out[i] = r < clipped ? StaticClipping.clip(inputs[i], -negatedNorms[i], limit) : inputs[i].clone();
        }
        return out;
    }

    @Override
    public String toString() {
        return NAME + "(f=" + f + ")";
    }
}
