package dev.cumulus.engine.p2p;

/**
 * The element-wise float operations of {@link StoreArithmetic}, in the order Cumulus's Redis module
 * performs them (float, never double; left to right), so the client-side path gives its bits.
 */
final class FloatArithmetic {
    private FloatArithmetic() {
    }

    /** The sum of {@code vectors}: a copy of the first, then each next one added. */
    static float[] sum(float[][] vectors) {
        float[] sum = vectors[0].clone();
        for (int k = 1; k < vectors.length; k++) {
            float[] x = vectors[k];
            if (x.length != sum.length) {
                throw new IllegalArgumentException("vectors differ in length: " + sum.length + " and " + x.length);
            }
            for (int i = 0; i < sum.length; i++) {
                sum[i] += x[i];
            }
        }
        return sum;
    }

    static void scale(float[] v, float factor) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
        }
    }

    static void axpy(float[] w, float[] g, float rate) {
        if (w.length != g.length) {
            throw new IllegalArgumentException("vectors differ in length: " + w.length + " and " + g.length);
        }
        for (int i = 0; i < w.length; i++) {
            w[i] -= rate * g[i];
        }
    }
}
