package dev.cumulus.aggregate;

/**
 * Static clipping: each input is scaled by min(1, c / ||x||), so no input's norm exceeds c. ByzFL's
 * default is c = 2. A zero vector stays zero.
 */
public final class StaticClipping implements PreAggregator {
    public static final String NAME = "clipping";

    private final double threshold;

    /** @param threshold c, finite and > 0 */
    public StaticClipping(double threshold) {
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("Invalid value " + threshold + " for clipping.threshold: expected a finite value > 0");
        }
        this.threshold = threshold;
    }

    @Override
    public Precondition precondition() {
        return Precondition.atLeastOne(NAME);
    }

    @Override
    public float[][] apply(float[][] inputs) {
        Vectors.checkedLength(NAME, inputs);
        float[][] out = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            out[i] = clip(inputs[i], Vectors.norm(inputs[i]), threshold);
        }
        return out;
    }

    /** A copy of {@code x} scaled down to norm {@code limit} when its norm exceeds it. */
    static float[] clip(float[] x, double norm, double limit) {
        if (!(norm > limit)) {
            return x.clone();
        }
        double scale = limit / norm;
        float[] out = new float[x.length];
        for (int k = 0; k < x.length; k++) {
            out[k] = (float) (x[k] * scale);
        }
        return out;
    }

    @Override
    public String toString() {
        return NAME + "(c=" + threshold + ")";
    }
}
