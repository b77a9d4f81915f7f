package dev.cumulus.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dense block kernels of {@link LinearKernels} and the logistic slopes written with the
 * incubating Vector API, eight float lanes (256 bits) at a time.
 *
 * <p>Only {@link LinearKernels} refers to this class, and only when the module
 * jdk.incubator.vector is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}), so a JVM without it never loads it.
 *
 * <p>Rows are read row-major, one vector per eight columns; a row whose width is not a multiple
 * of eight ends with one vector that overlaps the previous one, whose overlapping lanes carry a
 * zero weight (margins) or are dropped (gradient). Eight rows' margin vectors are summed across
 * lanes together by a tree of blends and lane swaps, about four vector operations per row instead
 * of one horizontal sum per row.
 */
final class VectorLinearKernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    /** Lanes of a vector; rows narrower than this go to the scalar kernels. */
    static final int LANES = 8;

    // Lane-sum tree: at level k the lanes whose index has bit k set take the second vector.
    private static final VectorMask<Float> BIT0 = VectorMask.fromLong(SPECIES, 0b1010_1010L);
    private static final VectorMask<Float> BIT1 = VectorMask.fromLong(SPECIES, 0b1100_1100L);
    private static final VectorMask<Float> BIT2 = VectorMask.fromLong(SPECIES, 0b1111_0000L);
    private static final VectorShuffle<Float> SWAP1 = VectorShuffle.fromValues(SPECIES, 1, 0, 3, 2, 5, 4, 7, 6);
    private static final VectorShuffle<Float> SWAP2 = VectorShuffle.fromValues(SPECIES, 2, 3, 0, 1, 6, 7, 4, 5);
    private static final VectorShuffle<Float> SWAP4 = VectorShuffle.fromValues(SPECIES, 4, 5, 6, 7, 0, 1, 2, 3);

    private static final float LOG2_E = 1.44269504088896341f;
    private static final float LN2_HIGH = (float) 0.6931471805599453;
    private static final float LN2_LOW = (float) (0.6931471805599453 - (double) LN2_HIGH);
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer, held in the low bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);

    private VectorLinearKernels() {
    }

    /** Whether this machine runs 256-bit float vectors natively (otherwise the API would emulate them, slowly). */
    static boolean supported() {
        return FloatVector.SPECIES_PREFERRED.length() >= LANES;
    }

    /** out[i - from] = x[rows[i]] . w[offset .. offset + d) + bias for row-major x with d >= 8 columns. */
    static void margins(float[] v, int d, int[] rows, int from, int to, float[] w, int offset, float bias,
                        float[] out) {
        int full = d / LANES * LANES;
        int tailColumn = d - LANES;
        boolean hasTail = full < d;
        // The tail vector starts at column d - 8; its lanes below column `full` were already counted.
        float[] tailWeights = new float[LANES];
        for (int k = 0; k < LANES; k++) {
            tailWeights[k] = tailColumn + k >= full ? w[offset + tailColumn + k] : 0f;
        }
        FloatVector tailW = FloatVector.fromArray(SPECIES, tailWeights, 0);
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            int b0 = rows[i] * d;
            int b1 = rows[i + 1] * d;
            int b2 = rows[i + 2] * d;
            int b3 = rows[i + 3] * d;
            int b4 = rows[i + 4] * d;
            int b5 = rows[i + 5] * d;
            int b6 = rows[i + 6] * d;
            int b7 = rows[i + 7] * d;
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
            for (int j = 0; j < full; j += LANES) {
                FloatVector wv = FloatVector.fromArray(SPECIES, w, offset + j);
                a0 = FloatVector.fromArray(SPECIES, v, b0 + j).fma(wv, a0);
                a1 = FloatVector.fromArray(SPECIES, v, b1 + j).fma(wv, a1);
                a2 = FloatVector.fromArray(SPECIES, v, b2 + j).fma(wv, a2);
                a3 = FloatVector.fromArray(SPECIES, v, b3 + j).fma(wv, a3);
                a4 = FloatVector.fromArray(SPECIES, v, b4 + j).fma(wv, a4);
                a5 = FloatVector.fromArray(SPECIES, v, b5 + j).fma(wv, a5);
                a6 = FloatVector.fromArray(SPECIES, v, b6 + j).fma(wv, a6);
                a7 = FloatVector.fromArray(SPECIES, v, b7 + j).fma(wv, a7);
            }
            if (hasTail) {
                a0 = FloatVector.fromArray(SPECIES, v, b0 + tailColumn).fma(tailW, a0);
                a1 = FloatVector.fromArray(SPECIES, v, b1 + tailColumn).fma(tailW, a1);
                a2 = FloatVector.fromArray(SPECIES, v, b2 + tailColumn).fma(tailW, a2);
                a3 = FloatVector.fromArray(SPECIES, v, b3 + tailColumn).fma(tailW, a3);
                a4 = FloatVector.fromArray(SPECIES, v, b4 + tailColumn).fma(tailW, a4);
                a5 = FloatVector.fromArray(SPECIES, v, b5 + tailColumn).fma(tailW, a5);
                a6 = FloatVector.fromArray(SPECIES, v, b6 + tailColumn).fma(tailW, a6);
                a7 = FloatVector.fromArray(SPECIES, v, b7 + tailColumn).fma(tailW, a7);
            }
            FloatVector low = merge(merge(a0, a1, BIT0, SWAP1), merge(a2, a3, BIT0, SWAP1), BIT1, SWAP2);
            FloatVector high = merge(merge(a4, a5, BIT0, SWAP1), merge(a6, a7, BIT0, SWAP1), BIT1, SWAP2);
            merge(low, high, BIT2, SWAP4).add(bias).intoArray(out, i - from);
        }
        for (; i < to; i++) {
            int base = rows[i] * d;
            FloatVector a = FloatVector.zero(SPECIES);
            for (int j = 0; j < full; j += LANES) {
                a = FloatVector.fromArray(SPECIES, v, base + j).fma(FloatVector.fromArray(SPECIES, w, offset + j), a);
            }
            if (hasTail) {
                a = FloatVector.fromArray(SPECIES, v, base + tailColumn).fma(tailW, a);
            }
            out[i - from] = a.reduceLanes(VectorOperators.ADD) + bias;
        }
    }

    /**
     * Lane i of the result is a[i] + a[i ^ m] where lane i is clear in {@code second}, and
     * b[i] + b[i ^ m] where it is set ({@code swap} exchanges lanes i and i ^ m).
     */
    private static FloatVector merge(FloatVector a, FloatVector b, VectorMask<Float> second,
                                     VectorShuffle<Float> swap) {
        return a.blend(b, second).add(b.blend(a, second).rearrange(swap));
    }

    /** target[offset + j] += sum over i in [from, to) of scale[i - from] * x[rows[i], j], d >= 8. */
    static void accumulate(float[] v, int d, int[] rows, int from, int to, float[] scale, float[] target,
                           int offset) {
        int full = d / LANES * LANES;
        int tailColumn = d - LANES;
        boolean hasTail = full < d;
        // Vector c of the sum covers columns [8c, 8c + 8); the last, if d is not a multiple of 8,
        // covers [d - 8, d) and only its lanes from `full` on are kept.
        int vectors = full / LANES + (hasTail ? 1 : 0);
        float[] sum = new float[vectors * LANES];
        int i = from;
        for (; i + LANES <= to; i += LANES) {
            int b0 = rows[i] * d;
            int b1 = rows[i + 1] * d;
            int b2 = rows[i + 2] * d;
            int b3 = rows[i + 3] * d;
            int b4 = rows[i + 4] * d;
            int b5 = rows[i + 5] * d;
            int b6 = rows[i + 6] * d;
            int b7 = rows[i + 7] * d;
            int s = i - from;
            float s0 = scale[s], s1 = scale[s + 1], s2 = scale[s + 2], s3 = scale[s + 3];
            float s4 = scale[s + 4], s5 = scale[s + 5], s6 = scale[s + 6], s7 = scale[s + 7];
            FloatVector w0 = FloatVector.broadcast(SPECIES, s0), w1 = FloatVector.broadcast(SPECIES, s1);
            FloatVector w2 = FloatVector.broadcast(SPECIES, s2), w3 = FloatVector.broadcast(SPECIES, s3);
            FloatVector w4 = FloatVector.broadcast(SPECIES, s4), w5 = FloatVector.broadcast(SPECIES, s5);
            FloatVector w6 = FloatVector.broadcast(SPECIES, s6), w7 = FloatVector.broadcast(SPECIES, s7);
            for (int j = 0; j < full; j += LANES) {
                // Two independent chains of four rows; the running sum waits only for their total.
                FloatVector p = FloatVector.fromArray(SPECIES, v, b0 + j).mul(w0);
                FloatVector q = FloatVector.fromArray(SPECIES, v, b4 + j).mul(w4);
                p = FloatVector.fromArray(SPECIES, v, b1 + j).fma(w1, p);
                q = FloatVector.fromArray(SPECIES, v, b5 + j).fma(w5, q);
                p = FloatVector.fromArray(SPECIES, v, b2 + j).fma(w2, p);
                q = FloatVector.fromArray(SPECIES, v, b6 + j).fma(w6, q);
                p = FloatVector.fromArray(SPECIES, v, b3 + j).fma(w3, p);
                q = FloatVector.fromArray(SPECIES, v, b7 + j).fma(w7, q);
                FloatVector.fromArray(SPECIES, sum, j).add(p.add(q)).intoArray(sum, j);
            }
            if (hasTail) {
                int j = tailColumn;
                FloatVector p = FloatVector.fromArray(SPECIES, v, b0 + j).mul(w0);
                FloatVector q = FloatVector.fromArray(SPECIES, v, b4 + j).mul(w4);
                p = FloatVector.fromArray(SPECIES, v, b1 + j).fma(w1, p);
                q = FloatVector.fromArray(SPECIES, v, b5 + j).fma(w5, q);
                p = FloatVector.fromArray(SPECIES, v, b2 + j).fma(w2, p);
                q = FloatVector.fromArray(SPECIES, v, b6 + j).fma(w6, q);
                p = FloatVector.fromArray(SPECIES, v, b3 + j).fma(w3, p);
                q = FloatVector.fromArray(SPECIES, v, b7 + j).fma(w7, q);
                FloatVector.fromArray(SPECIES, sum, full).add(p.add(q)).intoArray(sum, full);
            }
        }
        for (; i < to; i++) {
            int base = rows[i] * d;
            FloatVector s = FloatVector.broadcast(SPECIES, scale[i - from]);
            for (int j = 0; j < full; j += LANES) {
                FloatVector.fromArray(SPECIES, v, base + j).fma(s, FloatVector.fromArray(SPECIES, sum, j))
                        .intoArray(sum, j);
            }
            if (hasTail) {
                FloatVector.fromArray(SPECIES, v, base + tailColumn).fma(s, FloatVector.fromArray(SPECIES, sum, full))
                        .intoArray(sum, full);
            }
        }
        for (int j = 0; j < full; j++) {
            target[offset + j] += sum[j];
        }
        for (int j = full; j < d; j++) {
            target[offset + j] += sum[full + j - tailColumn];
        }
    }

    /**
     * The logistic slopes of {@link LogisticRegression}: replaces margins[i] (i in [0, count)) by
     * invN (sigmoid(z) - y) for the label y of row rows[from + i], and returns the summed log-loss.
     * Same formulas as the scalar path: exp(-|z|) by a degree-6 polynomial after reduction by
     * powers of two, log(1 + e) by the same degree-8 fit, sigmoid's numerator picked by z's sign.
     */
    static double logisticLossAndSlopes(float[] margins, int count, int[] labels, int[] rows, int from,
                                        float invN) {
        float[] y = new float[count];
        for (int i = 0; i < count; i++) {
            y[i] = labels[rows[from + i]];
        }
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        FloatVector lossSum = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i + LANES <= count; i += LANES) {
            FloatVector z = FloatVector.fromArray(SPECIES, margins, i);
            FloatVector label = FloatVector.fromArray(SPECIES, y, i);
            FloatVector e = expMinus(z.abs());
            FloatVector numerator = one.blend(e, z.lt(0f));
            FloatVector probability = numerator.div(e.add(1f));
            lossSum = lossSum.add(z.max(0f).sub(z.mul(label)).add(log1pUnit(e)));
            probability.sub(label).mul(invN).intoArray(margins, i);
        }
        double sum = lossSum.reduceLanes(VectorOperators.ADD);
        for (; i < count; i++) {
            float z = margins[i];
            float e = LogisticFunctions.expMinus(Math.abs(z));
            float numerator = z < 0f ? e : 1f;
            sum += Math.max(z, 0f) - z * y[i] + LogisticFunctions.log1pUnit(e);
            margins[i] = (numerator / (1f + e) - y[i]) * invN;
        }
        return sum;
    }

    /** Sum of values[0 .. count), in float lanes. */
    static double sum(float[] values, int count) {
        FloatVector s = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i + LANES <= count; i += LANES) {
            s = s.add(FloatVector.fromArray(SPECIES, values, i));
        }
        double total = s.reduceLanes(VectorOperators.ADD);
        for (; i < count; i++) {
            total += values[i];
        }
        return total;
    }

    /** exp(-a) for a >= 0, lane-wise (relative error about 2e-7; a is clamped to 87, the float range). */
    static FloatVector expMinus(FloatVector a) {
        FloatVector clamped = a.min(87f);
        // e^-a = 2^k e^f, k = round(-a log2 e), f = -a - k ln 2 in two parts (Cody and Waite).
        FloatVector rounded = clamped.mul(-LOG2_E).add(ROUNDER);
        FloatVector k = rounded.sub(ROUNDER);
        FloatVector f = k.fma(FloatVector.broadcast(SPECIES, -LN2_HIGH), clamped.neg());
        f = k.fma(FloatVector.broadcast(SPECIES, -LN2_LOW), f);
        FloatVector p = f.fma(1f / 720, 1f / 120);
        p = p.fma(f, FloatVector.broadcast(SPECIES, 1f / 24));
        p = p.fma(f, FloatVector.broadcast(SPECIES, 1f / 6));
        p = p.fma(f, FloatVector.broadcast(SPECIES, 0.5f));
        p = p.fma(f, FloatVector.broadcast(SPECIES, 1f));
        p = p.fma(f, FloatVector.broadcast(SPECIES, 1f));
        // The low bits of `rounded` hold k; k + 127 shifted into the exponent field is 2^k.
        IntVector exponent = rounded.reinterpretAsInts()
                .add(127 - ROUNDER_BITS)
                .lanewise(VectorOperators.LSHL, 23);
        return p.mul(exponent.reinterpretAsFloats());
    }

    /** log(1 + e) for e in [0, 1], lane-wise, by the polynomial of {@link LogisticFunctions#log1pUnit(float)}. */
    static FloatVector log1pUnit(FloatVector e) {
        FloatVector p = e.fma(0.005253457797056743f, -0.029588507393105985f);
        p = p.fma(e, FloatVector.broadcast(SPECIES, 0.07836166801922524f));
        p = p.fma(e, FloatVector.broadcast(SPECIES, -0.13674769705585546f));
        p = p.fma(e, FloatVector.broadcast(SPECIES, 0.19111431080611685f));
        p = p.fma(e, FloatVector.broadcast(SPECIES, -0.24844369892476806f));
        p = p.fma(e, FloatVector.broadcast(SPECIES, 0.3331927134250213f));
        p = p.fma(e, FloatVector.broadcast(SPECIES, -0.49999501516787115f));
        p = p.fma(e, FloatVector.broadcast(SPECIES, 0.9999999705406564f));
        return e.mul(p);
    }
}
