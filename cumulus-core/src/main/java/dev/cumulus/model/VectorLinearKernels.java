package dev.cumulus.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dense block kernels of {@link LinearKernels}, and the whole data term of
 * {@link LogisticRegression}, written with the incubating Vector API, eight float lanes (256 bits)
 * at a time.
 *
 * <p>Only {@link LinearKernels} refers to this class, and only when the module
 * jdk.incubator.vector is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}), so a JVM without it never loads it.
 *
 * <p>Rows are read row-major, one vector per eight columns; a row whose width is not a multiple
 * of eight ends with one vector that overlaps the previous one, whose overlapping lanes carry a
 * zero weight (margins) or are dropped (gradient). A margin ends with one lane reduction per row:
 * summing several rows' vectors together by lane swaps would take fewer instructions, but JDK 17's
 * {@code rearrange} allocates on every call and made the kernel twice as slow. 512-bit vectors
 * measured slower than 256-bit ones on the Zen 4 test machine, so the width is fixed at 256.
 */
final class VectorLinearKernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    /** Lanes of a vector; rows narrower than this go to the scalar kernels. */
    static final int LANES = 8;
    /** Rows per block of the logistic pass: the block's rows (7 KB at 28 columns) stay in L1 between its steps. */
    static final int LOGISTIC_BLOCK_ROWS = 64;
    /** Rows summed in float before the gradient's partial sums go to double. */
    private static final int FLUSH_ROWS = 256;

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
        marginRows(v, d, rows, from, to, w, offset, bias, tailWeights(w, offset, d), out);
    }

    /** target[offset + j] += sum over i in [from, to) of scale[i - from] * x[rows[i], j], d >= 8. */
    static void accumulate(float[] v, int d, int[] rows, int from, int to, float[] scale, float[] target,
                           int offset) {
        float[] sum = new float[sumLength(d)];
        accumulateRows(v, d, rows, from, to, scale, sum);
        int full = d / LANES * LANES;
        for (int j = 0; j < full; j++) {
            target[offset + j] += sum[j];
        }
        for (int j = full; j < d; j++) {
            target[offset + j] += sum[j + LANES - d + full];
        }
    }

    /**
     * The data term of {@link LogisticRegression}: adds invN sum over rows of (sigmoid(z) - y) x
     * to gradient[0 .. d) and sets gradient[d] to invN sum of (sigmoid(z) - y), where
     * z = w[0 .. d) . x + w[d] for each row x = values[rows[i]] (row-major, d >= 8 columns)
     * labelled y = labels[rows[i]]; returns the summed log-loss (not divided by the row count).
     *
     * <p>By blocks of {@link #LOGISTIC_BLOCK_ROWS} rows: margins, then slopes and losses eight
     * rows per vector with the formulas of the scalar path (exp(-|z|) by a degree-6 polynomial
     * after reduction by powers of two, log(1 + e) by the same degree-8 fit, sigmoid's numerator
     * picked by the sign of z), then the slope-weighted sum of the rows, still in L1. The
     * gradient's float partial sums go to double every {@link #FLUSH_ROWS} rows.
     */
    static double logisticLossAndGradient(float[] v, int d, int[] rows, int[] labels, float[] w, float invN,
                                          float[] gradient) {
        int n = rows.length;
        float bias = w[d];
        FloatVector tailW = tailWeights(w, 0, d);
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        float[] z = new float[LOGISTIC_BLOCK_ROWS];
        float[] y = new float[LOGISTIC_BLOCK_ROWS];
        float[] sum = new float[sumLength(d)];
        double[] total = new double[d];
        double lossTotal = 0;
        double biasTotal = 0;
        int full = d / LANES * LANES;
        int lastFlush = 0;
        for (int from = 0; from < n; from += LOGISTIC_BLOCK_ROWS) {
            int to = Math.min(n, from + LOGISTIC_BLOCK_ROWS);
            int count = to - from;
            marginRows(v, d, rows, from, to, w, 0, bias, tailW, z);
            for (int i = 0; i < count; i++) {
                y[i] = labels[rows[from + i]];
            }
            FloatVector lossSum = FloatVector.zero(SPECIES);
            FloatVector slopeSum = FloatVector.zero(SPECIES);
            int i = 0;
            for (; i + LANES <= count; i += LANES) {
                FloatVector margin = FloatVector.fromArray(SPECIES, z, i);
                FloatVector label = FloatVector.fromArray(SPECIES, y, i);
                FloatVector e = expMinus(margin.abs());
                lossSum = lossSum.add(margin.max(0f).sub(margin.mul(label)).add(log1pUnit(e)));
                // sigmoid(z) = 1 / (1 + e) for z >= 0 and e / (1 + e) below.
                FloatVector slope = one.blend(e, margin.lt(0f)).div(e.add(1f)).sub(label).mul(invN);
                slopeSum = slopeSum.add(slope);
                slope.intoArray(z, i);
            }
            double blockLoss = lossSum.reduceLanes(VectorOperators.ADD);
            double blockSlopes = slopeSum.reduceLanes(VectorOperators.ADD);
            for (; i < count; i++) {
                float margin = z[i];
                float e = LogisticFunctions.expMinus(Math.abs(margin));
                blockLoss += Math.max(margin, 0f) - margin * y[i] + LogisticFunctions.log1pUnit(e);
                z[i] = ((margin < 0f ? e : 1f) / (1f + e) - y[i]) * invN;
                blockSlopes += z[i];
            }
            lossTotal += blockLoss;
            biasTotal += blockSlopes;
            accumulateRows(v, d, rows, from, to, z, sum);
            if (to - lastFlush >= FLUSH_ROWS || to == n) {
                for (int j = 0; j < full; j++) {
                    total[j] += sum[j];
                }
                for (int j = full; j < d; j++) {
                    total[j] += sum[j + LANES - d + full];
                }
                java.util.Arrays.fill(sum, 0f);
                lastFlush = to;
            }
        }
        for (int j = 0; j < d; j++) {
            gradient[j] += (float) total[j];
        }
        gradient[d] = (float) biasTotal;
        return lossTotal;
    }

    /**
     * The weights of the last column vector, which starts at column d - 8: zero in the lanes
     * below the last multiple of 8, which the full vectors already cover (all zero if d is one).
     */
    private static FloatVector tailWeights(float[] w, int offset, int d) {
        int full = d / LANES * LANES;
        float[] tail = new float[LANES];
        for (int k = 0; k < LANES; k++) {
            tail[k] = d - LANES + k >= full ? w[offset + d - LANES + k] : 0f;
        }
        return FloatVector.fromArray(SPECIES, tail, 0);
    }

    /**
     * Length of a row sum by column vectors: vector c covers columns [8c, 8c + 8), and if d is not
     * a multiple of 8 a last vector covers [d - 8, d), of which only the lanes from the last
     * multiple of 8 on count.
     */
    private static int sumLength(int d) {
        return (d + LANES - 1) / LANES * LANES;
    }

    private static void marginRows(float[] v, int d, int[] rows, int from, int to, float[] w, int offset,
                                   float bias, FloatVector tailW, float[] out) {
        int full = d / LANES * LANES;
        int tailColumn = d - LANES;
        boolean hasTail = full < d;
        int i = from;
        // Four rows at once share each weight load; each row's lanes are summed by one reduction
        // (a lane-swap tree across rows was slower: JDK 17's rearrange boxes its shuffle).
        for (; i + 3 < to; i += 4) {
            int b0 = rows[i] * d;
            int b1 = rows[i + 1] * d;
            int b2 = rows[i + 2] * d;
            int b3 = rows[i + 3] * d;
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = a0, a2 = a0, a3 = a0;
            for (int j = 0; j < full; j += LANES) {
                FloatVector wv = FloatVector.fromArray(SPECIES, w, offset + j);
                a0 = FloatVector.fromArray(SPECIES, v, b0 + j).fma(wv, a0);
                a1 = FloatVector.fromArray(SPECIES, v, b1 + j).fma(wv, a1);
                a2 = FloatVector.fromArray(SPECIES, v, b2 + j).fma(wv, a2);
                a3 = FloatVector.fromArray(SPECIES, v, b3 + j).fma(wv, a3);
            }
            if (hasTail) {
                a0 = FloatVector.fromArray(SPECIES, v, b0 + tailColumn).fma(tailW, a0);
                a1 = FloatVector.fromArray(SPECIES, v, b1 + tailColumn).fma(tailW, a1);
                a2 = FloatVector.fromArray(SPECIES, v, b2 + tailColumn).fma(tailW, a2);
                a3 = FloatVector.fromArray(SPECIES, v, b3 + tailColumn).fma(tailW, a3);
            }
            out[i - from] = a0.reduceLanes(VectorOperators.ADD) + bias;
            out[i + 1 - from] = a1.reduceLanes(VectorOperators.ADD) + bias;
            out[i + 2 - from] = a2.reduceLanes(VectorOperators.ADD) + bias;
            out[i + 3 - from] = a3.reduceLanes(VectorOperators.ADD) + bias;
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

    /** sum (laid out as in {@link #sumLength}) += sum over i in [from, to) of scale[i - from] * x[rows[i]]. */
    private static void accumulateRows(float[] v, int d, int[] rows, int from, int to, float[] scale, float[] sum) {
        int full = d / LANES * LANES;
        int tailColumn = d - LANES;
        boolean hasTail = full < d;
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
            FloatVector s0 = FloatVector.broadcast(SPECIES, scale[s]);
            FloatVector s1 = FloatVector.broadcast(SPECIES, scale[s + 1]);
            FloatVector s2 = FloatVector.broadcast(SPECIES, scale[s + 2]);
            FloatVector s3 = FloatVector.broadcast(SPECIES, scale[s + 3]);
            FloatVector s4 = FloatVector.broadcast(SPECIES, scale[s + 4]);
            FloatVector s5 = FloatVector.broadcast(SPECIES, scale[s + 5]);
            FloatVector s6 = FloatVector.broadcast(SPECIES, scale[s + 6]);
            FloatVector s7 = FloatVector.broadcast(SPECIES, scale[s + 7]);
            for (int j = 0; j < full; j += LANES) {
                // Two independent chains of four rows; the running sum waits only for their total.
                FloatVector p = FloatVector.fromArray(SPECIES, v, b0 + j).mul(s0);
                FloatVector q = FloatVector.fromArray(SPECIES, v, b4 + j).mul(s4);
                p = FloatVector.fromArray(SPECIES, v, b1 + j).fma(s1, p);
                q = FloatVector.fromArray(SPECIES, v, b5 + j).fma(s5, q);
                p = FloatVector.fromArray(SPECIES, v, b2 + j).fma(s2, p);
                q = FloatVector.fromArray(SPECIES, v, b6 + j).fma(s6, q);
                p = FloatVector.fromArray(SPECIES, v, b3 + j).fma(s3, p);
                q = FloatVector.fromArray(SPECIES, v, b7 + j).fma(s7, q);
                FloatVector.fromArray(SPECIES, sum, j).add(p.add(q)).intoArray(sum, j);
            }
            if (hasTail) {
                int j = tailColumn;
                FloatVector p = FloatVector.fromArray(SPECIES, v, b0 + j).mul(s0);
                FloatVector q = FloatVector.fromArray(SPECIES, v, b4 + j).mul(s4);
                p = FloatVector.fromArray(SPECIES, v, b1 + j).fma(s1, p);
                q = FloatVector.fromArray(SPECIES, v, b5 + j).fma(s5, q);
                p = FloatVector.fromArray(SPECIES, v, b2 + j).fma(s2, p);
                q = FloatVector.fromArray(SPECIES, v, b6 + j).fma(s6, q);
                p = FloatVector.fromArray(SPECIES, v, b3 + j).fma(s3, p);
                q = FloatVector.fromArray(SPECIES, v, b7 + j).fma(s7, q);
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
