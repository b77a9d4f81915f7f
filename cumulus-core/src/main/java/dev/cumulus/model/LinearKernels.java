package dev.cumulus.model;

import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.Features;

/**
 * Block kernels of the linear models: margins of a block of rows against one weight vector, and
 * the weighted sum of a block of rows added to a gradient.
 *
 * <p>Dense data is read straight from its row-major array so the loops are plain array loops the
 * JIT unrolls and vectorises; sparse data goes through {@link Features#dot} and
 * {@link Features#addScaled}. When the JVM runs with {@code --add-modules jdk.incubator.vector}
 * on a machine with 256-bit vectors, dense rows of 8 or more columns go to
 * {@link VectorLinearKernels} instead (see {@link #VECTORIZED}).
 */
final class LinearKernels {
    /** Rows processed together: small enough that a block's margins stay in L1. */
    static final int BLOCK_ROWS = 256;

    /**
     * Whether the dense kernels use the Vector API: its incubator module is in the boot layer and
     * the machine has 256-bit float vectors. Checked before {@link VectorLinearKernels} is touched,
     * so a JVM without the module never loads that class.
     */
    static final boolean VECTORIZED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && VectorLinearKernels.supported();

    private LinearKernels() {
    }

    /** Whether the vector kernels take {@code x} when {@code vectorized} is asked for: dense, 8 or more columns. */
    static boolean vectorizes(Features x, boolean vectorized) {
        return vectorized && x instanceof DenseFeatures && x.cols() >= VectorLinearKernels.LANES;
    }

    /** out[i - from] = x[rows[i]] . w[offset .. offset + d) + bias for i in [from, to). */
    static void margins(Features x, int[] rows, int from, int to, float[] w, int offset, float bias, float[] out) {
        margins(x, rows, from, to, w, offset, bias, out, VECTORIZED);
    }

    /** As {@link #margins(Features, int[], int, int, float[], int, float, float[])}, on the vector kernels if {@code vectorized}. */
    static void margins(Features x, int[] rows, int from, int to, float[] w, int offset, float bias, float[] out,
                        boolean vectorized) {
        if (vectorizes(x, vectorized)) {
            VectorLinearKernels.margins(((DenseFeatures) x).values(), x.cols(), rows, from, to, w, offset, bias, out);
        } else if (x instanceof DenseFeatures dense) {
            denseMargins(dense.values(), x.cols(), rows, from, to, w, offset, bias, out);
        } else {
            for (int i = from; i < to; i++) {
                out[i - from] = x.dot(rows[i], w, offset) + bias;
            }
        }
    }

    /** target[offset + j] += sum over i in [from, to) of scale[i - from] * x[rows[i], j]. */
    static void accumulate(Features x, int[] rows, int from, int to, float[] scale, float[] target, int offset) {
        accumulate(x, rows, from, to, scale, target, offset, VECTORIZED);
    }

    /** As {@link #accumulate(Features, int[], int, int, float[], float[], int)}, on the vector kernels if {@code vectorized}. */
    static void accumulate(Features x, int[] rows, int from, int to, float[] scale, float[] target, int offset,
                           boolean vectorized) {
        if (vectorizes(x, vectorized)) {
            VectorLinearKernels.accumulate(((DenseFeatures) x).values(), x.cols(), rows, from, to, scale, target, offset);
        } else if (x instanceof DenseFeatures dense) {
            denseAccumulate(dense.values(), x.cols(), rows, from, to, scale, target, offset);
        } else {
            for (int i = from; i < to; i++) {
                float s = scale[i - from];
                if (s != 0f) {
                    x.addScaled(rows[i], s, target, offset);
                }
            }
        }
    }

    private static void denseMargins(float[] v, int d, int[] rows, int from, int to, float[] w, int offset,
                                     float bias, float[] out) {
        int i = from;
        // Four rows at once share each weight load; two partial sums per row give eight
        // independent multiply-add chains, enough to cover the fused multiply-add latency.
        // Four columns per iteration keep the short inner loop's overhead small.
        for (; i + 3 < to; i += 4) {
            int b0 = rows[i] * d;
            int b1 = rows[i + 1] * d;
            int b2 = rows[i + 2] * d;
            int b3 = rows[i + 3] * d;
            float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f, c0 = 0f, c1 = 0f, c2 = 0f, c3 = 0f;
            int j = 0;
            for (; j + 3 < d; j += 4) {
                float w0 = w[offset + j];
                float w1 = w[offset + j + 1];
                float w2 = w[offset + j + 2];
                float w3 = w[offset + j + 3];
                a0 = Math.fma(v[b0 + j + 2], w2, Math.fma(v[b0 + j], w0, a0));
                c0 = Math.fma(v[b0 + j + 3], w3, Math.fma(v[b0 + j + 1], w1, c0));
                a1 = Math.fma(v[b1 + j + 2], w2, Math.fma(v[b1 + j], w0, a1));
                c1 = Math.fma(v[b1 + j + 3], w3, Math.fma(v[b1 + j + 1], w1, c1));
                a2 = Math.fma(v[b2 + j + 2], w2, Math.fma(v[b2 + j], w0, a2));
                c2 = Math.fma(v[b2 + j + 3], w3, Math.fma(v[b2 + j + 1], w1, c2));
                a3 = Math.fma(v[b3 + j + 2], w2, Math.fma(v[b3 + j], w0, a3));
                c3 = Math.fma(v[b3 + j + 3], w3, Math.fma(v[b3 + j + 1], w1, c3));
            }
            for (; j < d; j++) {
                float w0 = w[offset + j];
                a0 = Math.fma(v[b0 + j], w0, a0);
                a1 = Math.fma(v[b1 + j], w0, a1);
                a2 = Math.fma(v[b2 + j], w0, a2);
                a3 = Math.fma(v[b3 + j], w0, a3);
            }
            out[i - from] = a0 + c0 + bias;
            out[i + 1 - from] = a1 + c1 + bias;
            out[i + 2 - from] = a2 + c2 + bias;
            out[i + 3 - from] = a3 + c3 + bias;
        }
        for (; i < to; i++) {
            int base = rows[i] * d;
            float a = 0f;
            float c = 0f;
            int j = 0;
            for (; j + 1 < d; j += 2) {
                a = Math.fma(v[base + j], w[offset + j], a);
                c = Math.fma(v[base + j + 1], w[offset + j + 1], c);
            }
            if (j < d) {
                a = Math.fma(v[base + j], w[offset + j], a);
            }
            out[i - from] = a + c + bias;
        }
    }

    private static void denseAccumulate(float[] v, int d, int[] rows, int from, int to, float[] scale,
                                        float[] target, int offset) {
        int i = from;
        // Four rows per sweep: a quarter of the loads and stores of the target, and four
        // independent products per element instead of a chain through memory.
        for (; i + 3 < to; i += 4) {
            float s0 = scale[i - from];
            float s1 = scale[i + 1 - from];
            float s2 = scale[i + 2 - from];
            float s3 = scale[i + 3 - from];
            int b0 = rows[i] * d;
            int b1 = rows[i + 1] * d;
            int b2 = rows[i + 2] * d;
            int b3 = rows[i + 3] * d;
            for (int j = 0; j < d; j++) {
                float t = Math.fma(s0, v[b0 + j], target[offset + j]);
                t = Math.fma(s1, v[b1 + j], t);
                t = Math.fma(s2, v[b2 + j], t);
                target[offset + j] = Math.fma(s3, v[b3 + j], t);
            }
        }
        for (; i < to; i++) {
            float s = scale[i - from];
            int base = rows[i] * d;
            for (int j = 0; j < d; j++) {
                target[offset + j] = Math.fma(s, v[base + j], target[offset + j]);
            }
        }
    }

    /** Adds l2 * w to the gradient for the first {@code weights} parameters; returns (l2 / 2) ||w||^2. */
    static double addL2(float[] w, int weights, double l2, float[] gradient) {
        if (l2 == 0) {
            return 0;
        }
        float l2f = (float) l2;
        double sum = 0;
        for (int j = 0; j < weights; j++) {
            sum += (double) w[j] * w[j];
            gradient[j] += l2f * w[j];
        }
        return 0.5 * l2 * sum;
    }

    /** Returns (l2 / 2) ||w||^2 over the first {@code weights} parameters. */
    static double l2Term(float[] w, int weights, double l2) {
        if (l2 == 0) {
            return 0;
        }
        double sum = 0;
        for (int j = 0; j < weights; j++) {
            sum += (double) w[j] * w[j];
        }
        return 0.5 * l2 * sum;
    }
}
