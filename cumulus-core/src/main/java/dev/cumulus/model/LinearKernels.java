package dev.cumulus.model;

import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.Features;

/**
 * Block kernels of the linear models: margins of a block of rows against one weight vector, and
 * the weighted sum of a block of rows added to a gradient.
 *
 * <p>Dense data is read straight from its row-major array so the loops are plain array loops the
 * JIT unrolls and vectorises; sparse data goes through {@link Features#dot} and
 * {@link Features#addScaled}.
 */
final class LinearKernels {
    /** Rows processed together: small enough that a block's margins stay in L1. */
    static final int BLOCK_ROWS = 256;

    private LinearKernels() {
    }

    /** out[i - from] = x[rows[i]] . w[offset .. offset + d) + bias for i in [from, to). */
    static void margins(Features x, int[] rows, int from, int to, float[] w, int offset, float bias, float[] out) {
        if (x instanceof DenseFeatures dense) {
            denseMargins(dense.values(), x.cols(), rows, from, to, w, offset, bias, out);
        } else {
            for (int i = from; i < to; i++) {
                out[i - from] = x.dot(rows[i], w, offset) + bias;
            }
        }
    }

    /** target[offset + j] += sum over i in [from, to) of scale[i - from] * x[rows[i], j]. */
    static void accumulate(Features x, int[] rows, int from, int to, float[] scale, float[] target, int offset) {
        if (x instanceof DenseFeatures dense) {
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
        for (int i = from; i < to; i++) {
            int base = rows[i] * d;
            // Eight independent partial sums hide the latency of the multiply-adds.
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
            int j = 0;
            for (; j + 7 < d; j += 8) {
                s0 += v[base + j] * w[offset + j];
                s1 += v[base + j + 1] * w[offset + j + 1];
                s2 += v[base + j + 2] * w[offset + j + 2];
                s3 += v[base + j + 3] * w[offset + j + 3];
                s4 += v[base + j + 4] * w[offset + j + 4];
                s5 += v[base + j + 5] * w[offset + j + 5];
                s6 += v[base + j + 6] * w[offset + j + 6];
                s7 += v[base + j + 7] * w[offset + j + 7];
            }
            for (; j < d; j++) {
                s0 += v[base + j] * w[offset + j];
            }
            out[i - from] = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)) + bias;
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
                target[offset + j] += (s0 * v[b0 + j] + s1 * v[b1 + j]) + (s2 * v[b2 + j] + s3 * v[b3 + j]);
            }
        }
        for (; i < to; i++) {
            float s = scale[i - from];
            int base = rows[i] * d;
            for (int j = 0; j < d; j++) {
                target[offset + j] += s * v[base + j];
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
