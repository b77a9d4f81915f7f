package dev.cumulus.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two products that are nearly all of an {@link Mlp}'s work, with the incubating Vector API:
 * a layer's weights times a block of activations (forward, and the slopes passed back), and the
 * outer products of slopes and inputs summed into the weight gradient.
 *
 * <p>The plain loops (in {@link Mlp}) update one output row of the block per weight, so every
 * multiply-add loads and stores its accumulator. Here two output rows by 32 columns stay in eight
 * registers while the loop runs over the shared dimension, so each step loads four vectors and
 * does eight fused multiply-adds. Sums are in the same order as the plain loops but fused, so the
 * results differ from theirs in the last bits, and are the same from run to run.
 *
 * <p>Only {@link Mlp} refers to this class, and only when {@link LinearKernels#VECTORIZED}, so a
 * JVM without the incubator module never loads it.
 */
final class VectorMlpKernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    private static final int LANES = 8;
    private static final int WIDE = 4 * LANES;

    private VectorMlpKernels() {
    }

    /**
     * dst[r * count + b] += sum over k < ks of m[base + r * strideR + k * strideK] * src[k * count + b],
     * for r < rows and b < count: with strides (in, 1) a layer's weights times its input block, with
     * (1, in) their transpose times the output slopes.
     */
    static void multiplyAdd(float[] m, int base, int strideR, int strideK, int rows, int ks, float[] src, int count,
                            float[] dst) {
        int r = 0;
        for (; r + 1 < rows; r += 2) {
            int m0 = base + r * strideR;
            int m1 = m0 + strideR;
            int d0 = r * count;
            int d1 = d0 + count;
            int b = 0;
            for (; b + WIDE <= count; b += WIDE) {
                FloatVector a0 = FloatVector.fromArray(SPECIES, dst, d0 + b);
                FloatVector a1 = FloatVector.fromArray(SPECIES, dst, d0 + b + LANES);
                FloatVector a2 = FloatVector.fromArray(SPECIES, dst, d0 + b + 2 * LANES);
                FloatVector a3 = FloatVector.fromArray(SPECIES, dst, d0 + b + 3 * LANES);
                FloatVector c0 = FloatVector.fromArray(SPECIES, dst, d1 + b);
                FloatVector c1 = FloatVector.fromArray(SPECIES, dst, d1 + b + LANES);
                FloatVector c2 = FloatVector.fromArray(SPECIES, dst, d1 + b + 2 * LANES);
                FloatVector c3 = FloatVector.fromArray(SPECIES, dst, d1 + b + 3 * LANES);
                for (int k = 0; k < ks; k++) {
                    FloatVector w0 = FloatVector.broadcast(SPECIES, m[m0 + k * strideK]);
                    FloatVector w1 = FloatVector.broadcast(SPECIES, m[m1 + k * strideK]);
                    int s = k * count + b;
                    FloatVector x0 = FloatVector.fromArray(SPECIES, src, s);
                    FloatVector x1 = FloatVector.fromArray(SPECIES, src, s + LANES);
                    FloatVector x2 = FloatVector.fromArray(SPECIES, src, s + 2 * LANES);
                    FloatVector x3 = FloatVector.fromArray(SPECIES, src, s + 3 * LANES);
                    a0 = x0.fma(w0, a0);
                    a1 = x1.fma(w0, a1);
                    a2 = x2.fma(w0, a2);
                    a3 = x3.fma(w0, a3);
                    c0 = x0.fma(w1, c0);
                    c1 = x1.fma(w1, c1);
                    c2 = x2.fma(w1, c2);
                    c3 = x3.fma(w1, c3);
                }
                a0.intoArray(dst, d0 + b);
                a1.intoArray(dst, d0 + b + LANES);
                a2.intoArray(dst, d0 + b + 2 * LANES);
                a3.intoArray(dst, d0 + b + 3 * LANES);
                c0.intoArray(dst, d1 + b);
                c1.intoArray(dst, d1 + b + LANES);
                c2.intoArray(dst, d1 + b + 2 * LANES);
                c3.intoArray(dst, d1 + b + 3 * LANES);
            }
            multiplyAddColumns(m, m0, strideK, ks, src, count, dst, d0, b);
            multiplyAddColumns(m, m1, strideK, ks, src, count, dst, d1, b);
        }
        if (r < rows) {
            multiplyAddColumns(m, base + r * strideR, strideK, ks, src, count, dst, r * count, 0);
        }
    }

    /** One output row of {@link #multiplyAdd}, columns from {@code fromB}: a vector at a time, then the rest. */
    private static void multiplyAddColumns(float[] m, int mRow, int strideK, int ks, float[] src, int count,
                                           float[] dst, int dRow, int fromB) {
        int b = fromB;
        for (; b + LANES <= count; b += LANES) {
            FloatVector a = FloatVector.fromArray(SPECIES, dst, dRow + b);
            for (int k = 0; k < ks; k++) {
                a = FloatVector.fromArray(SPECIES, src, k * count + b).fma(FloatVector.broadcast(SPECIES, m[mRow + k * strideK]), a);
            }
            a.intoArray(dst, dRow + b);
        }
        for (; b < count; b++) {
            float a = dst[dRow + b];
            for (int k = 0; k < ks; k++) {
                a = Math.fma(m[mRow + k * strideK], src[k * count + b], a);
            }
            dst[dRow + b] = a;
        }
    }

    /**
     * g[base + j * in + i] += sum over b < count of delta[j * count + b] * x[rowStart[b] + i], for
     * j < out and i < in: the weight gradient of a layer whose input row b starts at rowStart[b]
     * of x.
     */
    static void addOuterProducts(float[] delta, int count, int out, float[] x, int[] rowStart, int in, float[] g,
                                 int base) {
        for (int j = 0; j < out; j++) {
            int gRow = base + j * in;
            int eRow = j * count;
            int i = 0;
            for (; i + WIDE <= in; i += WIDE) {
                addOuterProductBlock(delta, count, eRow, x, rowStart, g, gRow + i, i);
            }
            addOuterProductColumns(delta, count, eRow, x, rowStart, g, gRow, i, in);
        }
    }

    /**
     * Four vectors of one gradient row. No branch inside the loop: skipping the zero slopes of a
     * ReLU that did not fire (about half) left C2 unable to bind the multiply-add (JDK 17:
     * "lanewise ... no static binding"), so it ran the Vector API's Java fallback; a training pass
     * of a 784-512-10 MLP took 1.5 s that way and 0.4 s without the branch (scalar loops: 2.3 s).
     */
    private static void addOuterProductBlock(float[] delta, int count, int eRow, float[] x, int[] rowStart,
                                             float[] g, int gAt, int i) {
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = FloatVector.zero(SPECIES);
        FloatVector a2 = FloatVector.zero(SPECIES);
        FloatVector a3 = FloatVector.zero(SPECIES);
        for (int b = 0; b < count; b++) {
            FloatVector v = FloatVector.broadcast(SPECIES, delta[eRow + b]);
            int xi = rowStart[b] + i;
            a0 = FloatVector.fromArray(SPECIES, x, xi).fma(v, a0);
            a1 = FloatVector.fromArray(SPECIES, x, xi + LANES).fma(v, a1);
            a2 = FloatVector.fromArray(SPECIES, x, xi + 2 * LANES).fma(v, a2);
            a3 = FloatVector.fromArray(SPECIES, x, xi + 3 * LANES).fma(v, a3);
        }
        a0.add(FloatVector.fromArray(SPECIES, g, gAt)).intoArray(g, gAt);
        a1.add(FloatVector.fromArray(SPECIES, g, gAt + LANES)).intoArray(g, gAt + LANES);
        a2.add(FloatVector.fromArray(SPECIES, g, gAt + 2 * LANES)).intoArray(g, gAt + 2 * LANES);
        a3.add(FloatVector.fromArray(SPECIES, g, gAt + 3 * LANES)).intoArray(g, gAt + 3 * LANES);
    }

    /** One gradient row of {@link #addOuterProducts}, columns from {@code fromI}: a vector at a time, then the rest. */
    private static void addOuterProductColumns(float[] delta, int count, int eRow, float[] x, int[] rowStart,
                                               float[] g, int gRow, int fromI, int in) {
        int i = fromI;
        for (; i + LANES <= in; i += LANES) {
            FloatVector a = FloatVector.zero(SPECIES);
            for (int b = 0; b < count; b++) {
                a = FloatVector.fromArray(SPECIES, x, rowStart[b] + i).fma(FloatVector.broadcast(SPECIES, delta[eRow + b]), a);
            }
            a.add(FloatVector.fromArray(SPECIES, g, gRow + i)).intoArray(g, gRow + i);
        }
        for (; i < in; i++) {
            float a = 0f;
            for (int b = 0; b < count; b++) {
                a = Math.fma(delta[eRow + b], x[rowStart[b] + i], a);
            }
            g[gRow + i] += a;
        }
    }
}
