package dev.cumulus.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
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
 * zero weight (margins) or are dropped (gradient). Four rows' margin vectors are summed together
 * by lane swaps (JDK 17 reduces a float vector one lane at a time). 512-bit vectors measured
 * slower than 256-bit ones on the Zen 4 test machine, so the width is fixed at 256.
 *
 * <p>C2 in JDK 17 boxes every vector that crosses a call it did not inline, and it stops inlining
 * once a method's graph passes a node budget. So helpers that take or return vectors are kept
 * few and small, and the phases that use them live in methods of their own, which pass arrays.
 * docs/bench/kernels.md has the measurements behind each choice.
 */
final class VectorLinearKernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    /** Lanes of a vector; rows narrower than this go to the scalar kernels. */
    static final int LANES = 8;
    /** Rows per block of the logistic pass: the block's rows (7 KB at 28 columns) stay in L1 between its steps. */
    static final int LOGISTIC_BLOCK_ROWS = 64;
    /** Rows summed in float before the gradient's partial sums go to double. */
    private static final int FLUSH_ROWS = 256;

    /**
     * Lane k takes lane k ^ 2 or k ^ 4: swaps of a lane-sum tree. JDK 17 checks a shuffle's
     * indexes on every rearrange (six instructions), so the k ^ 1 swap is done as a rotation of
     * each 64-bit lane pair by 32 bits instead (two shifts and an or). Written out at each use:
     * a helper taking a vector, if C2 declined to inline it in a large method, would box it.
     */
    private static final VectorShuffle<Float> SWAP_2 = VectorShuffle.fromValues(SPECIES, 2, 3, 0, 1, 6, 7, 4, 5);
    private static final VectorShuffle<Float> SWAP_4 = VectorShuffle.fromValues(SPECIES, 4, 5, 6, 7, 0, 1, 2, 3);
    private static final VectorMask<Float> ODD_LANES =
            VectorMask.fromValues(SPECIES, false, true, false, true, false, true, false, true);
    private static final VectorMask<Float> LANE_PAIRS_2_3 =
            VectorMask.fromValues(SPECIES, false, false, true, true, false, false, true, true);

    private static final int ONE_BITS = Float.floatToRawIntBits(1f);
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
        return VectorShape.preferredShape().vectorBitSize() >= SPECIES.vectorBitSize();
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
        float[] z = new float[LOGISTIC_BLOCK_ROWS + LANES];
        float[] sum = new float[sumLength(d)];
        double[] total = new double[d];
        double[] sums = new double[2];
        int full = d / LANES * LANES;
        int lastFlush = 0;
        for (int from = 0; from < n; from += LOGISTIC_BLOCK_ROWS) {
            int to = Math.min(n, from + LOGISTIC_BLOCK_ROWS);
            int count = to - from;
            marginRows(v, d, rows, from, to, w, 0, bias, tailW, z);
            slopeRows(z, count, labels, rows, from, invN, sums);
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
        gradient[d] = (float) sums[1];
        return sums[0];
    }

    /**
     * Turns the margins z[0 .. count) of rows[from ..] into slopes invN (sigmoid(z) - y) in place,
     * adding the rows' log-losses to sums[0] and the slopes to sums[1]. A method of its own so that
     * its caller stays small: in a method past C2's inlining node budget, {@link #expMinus} would
     * not be inlined and every vector it takes or returns would be boxed.
     */
    private static void slopeRows(float[] z, int count, int[] labels, int[] rows, int from, float invN,
                                  double[] sums) {
        FloatVector one = FloatVector.broadcast(SPECIES, 1f);
        FloatVector lossSum = FloatVector.zero(SPECIES);
        FloatVector slopeSum = FloatVector.zero(SPECIES);
        int i = 0;
        for (; i + LANES <= count; i += LANES) {
            FloatVector margin = FloatVector.fromArray(SPECIES, z, i);
            // Labels are 0 or 1: gathered as ints, -label & bits(1f) is 0f or 1f.
            FloatVector label = IntVector.fromArray(IntVector.SPECIES_256, labels, 0, rows, from + i)
                    .neg().and(ONE_BITS).reinterpretAsFloats();
            FloatVector size = margin.abs();
            FloatVector e = expMinus(size);
            // max(z, 0) as (z + |z|) / 2: Java's max also orders NaNs and signed zeros (five instructions).
            lossSum = lossSum.add(margin.add(size).mul(0.5f).sub(margin.mul(label)).add(log1pUnit(e)));
            // sigmoid(z) = 1 / (1 + e) for z >= 0 and e / (1 + e) below.
            FloatVector slope = one.blend(e, margin.lt(0f)).div(e.add(1f)).sub(label).mul(invN);
            slopeSum = slopeSum.add(slope);
            slope.intoArray(z, i);
        }
        double loss = lossSum.reduceLanes(VectorOperators.ADD);
        double slopes = slopeSum.reduceLanes(VectorOperators.ADD);
        for (; i < count; i++) {
            float margin = z[i];
            float e = LogisticFunctions.expMinus(Math.abs(margin));
            float label = labels[rows[from + i]];
            loss += Math.max(margin, 0f) - margin * label + LogisticFunctions.log1pUnit(e);
            z[i] = ((margin < 0f ? e : 1f) / (1f + e) - label) * invN;
            slopes += z[i];
        }
        sums[0] += loss;
        sums[1] += slopes;
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
        if (d > 3 * LANES && d <= 4 * LANES) {
            i = marginRowsFourVectors(v, d, rows, from, to, w, offset, bias, out);
        }
        // Four rows at once share each weight load. Their four lane sums are then summed together
        // by lane swaps (three folds), which costs less than a reduction per row: JDK 17 reduces
        // float lanes one by one, in order. The folded vector holds the four margins in its low
        // half; it is stored whole, so it needs four spare floats after the block's margins (the
        // next store overwrites them), and rows without that room take the per-row path below.
        for (; i + 3 < to && i - from + LANES <= out.length; i += 4) {
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
            // Even lanes: sums of row 0's lane pairs, odd lanes: row 1's (likewise rows 2 and 3).
            FloatVector p01 = a0.blend(a1, ODD_LANES).add(a1.blend(a0, ODD_LANES).reinterpretAsLongs().lanewise(VectorOperators.ROR, 32).reinterpretAsFloats());
            FloatVector p23 = a2.blend(a3, ODD_LANES).add(a3.blend(a2, ODD_LANES).reinterpretAsLongs().lanewise(VectorOperators.ROR, 32).reinterpretAsFloats());
            // Lane r < 4 (and r + 4): row r's sum over lanes 0-3 (and 4-7).
            FloatVector q = p01.blend(p23, LANE_PAIRS_2_3).add(p23.blend(p01, LANE_PAIRS_2_3).rearrange(SWAP_2));
            q.add(q.rearrange(SWAP_4)).add(bias).intoArray(out, i - from);
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
     * The margins of rows four column vectors wide (25 to 32 columns, HIGGS has 28): the four weight
     * vectors stay in registers and each row is four loads and four FMAs, without the column loop
     * of {@link #marginRows}. Covers rows from {@code from} four at a time while the output has
     * room for a whole vector; returns the first row not done.
     */
    private static int marginRowsFourVectors(float[] v, int d, int[] rows, int from, int to, float[] w, int offset,
                                             float bias, float[] out) {
        FloatVector w0 = columnWeights(w, offset, d, 0);
        FloatVector w1 = columnWeights(w, offset, d, 1);
        FloatVector w2 = columnWeights(w, offset, d, 2);
        FloatVector w3 = columnWeights(w, offset, d, 3);
        int o3 = vectorColumn(3, d);
        int i = from;
        for (; i + 3 < to && i - from + LANES <= out.length; i += 4) {
            // One row at a time, so that a single row offset is live: with four, C2 spills them.
            int b = rows[i] * d;
            FloatVector a0 = FloatVector.fromArray(SPECIES, v, b).mul(w0);
            a0 = FloatVector.fromArray(SPECIES, v, b + LANES).fma(w1, a0);
            a0 = FloatVector.fromArray(SPECIES, v, b + 2 * LANES).fma(w2, a0);
            a0 = FloatVector.fromArray(SPECIES, v, b + o3).fma(w3, a0);
            b = rows[i + 1] * d;
            FloatVector a1 = FloatVector.fromArray(SPECIES, v, b).mul(w0);
            a1 = FloatVector.fromArray(SPECIES, v, b + LANES).fma(w1, a1);
            a1 = FloatVector.fromArray(SPECIES, v, b + 2 * LANES).fma(w2, a1);
            a1 = FloatVector.fromArray(SPECIES, v, b + o3).fma(w3, a1);
            b = rows[i + 2] * d;
            FloatVector a2 = FloatVector.fromArray(SPECIES, v, b).mul(w0);
            a2 = FloatVector.fromArray(SPECIES, v, b + LANES).fma(w1, a2);
            a2 = FloatVector.fromArray(SPECIES, v, b + 2 * LANES).fma(w2, a2);
            a2 = FloatVector.fromArray(SPECIES, v, b + o3).fma(w3, a2);
            b = rows[i + 3] * d;
            FloatVector a3 = FloatVector.fromArray(SPECIES, v, b).mul(w0);
            a3 = FloatVector.fromArray(SPECIES, v, b + LANES).fma(w1, a3);
            a3 = FloatVector.fromArray(SPECIES, v, b + 2 * LANES).fma(w2, a3);
            a3 = FloatVector.fromArray(SPECIES, v, b + o3).fma(w3, a3);
            FloatVector p01 = a0.blend(a1, ODD_LANES).add(a1.blend(a0, ODD_LANES).reinterpretAsLongs().lanewise(VectorOperators.ROR, 32).reinterpretAsFloats());
            FloatVector p23 = a2.blend(a3, ODD_LANES).add(a3.blend(a2, ODD_LANES).reinterpretAsLongs().lanewise(VectorOperators.ROR, 32).reinterpretAsFloats());
            FloatVector q = p01.blend(p23, LANE_PAIRS_2_3).add(p23.blend(p01, LANE_PAIRS_2_3).rearrange(SWAP_2));
            q.add(q.rearrange(SWAP_4)).add(bias).intoArray(out, i - from);
        }
        return i;
    }

    /**
     * The weights under column vector c (columns {@link #vectorColumn}(c, d) on), zero in the
     * lanes that an earlier vector already covers.
     */
    private static FloatVector columnWeights(float[] w, int offset, int d, int c) {
        int first = vectorColumn(c, d);
        float[] lanes = new float[LANES];
        for (int k = 0; k < LANES; k++) {
            lanes[k] = first + k >= c * LANES ? w[offset + first + k] : 0f;
        }
        return FloatVector.fromArray(SPECIES, lanes, 0);
    }

    /**
     * sum (laid out as in {@link #sumLength}) += sum over i in [from, to) of scale[i - from] * x[rows[i]].
     * Column vectors go four at a time, each summed in registers over all the rows by two chains
     * (even and odd rows), so a row costs one broadcast, four loads and four FMAs and the sum is
     * touched once per call rather than once per row.
     */
    private static void accumulateRows(float[] v, int d, int[] rows, int from, int to, float[] scale, float[] sum) {
        int vectors = (d + LANES - 1) / LANES;
        if (vectors == 4) {
            accumulateFourVectorRows(v, d, rows, from, to, scale, sum);
            return;
        }
        int c = 0;
        for (; c + 4 <= vectors; c += 4) {
            accumulateFour(v, d, rows, from, to, scale, sum, c);
        }
        for (; c < vectors; c++) {
            accumulateOne(v, d, rows, from, to, scale, sum, c);
        }
    }

    /** First column of column vector c: 8c, except a last vector of a row not a multiple of 8 wide, which ends at d. */
    private static int vectorColumn(int c, int d) {
        return Math.min(c * LANES, d - LANES);
    }

    private static void accumulateFour(float[] v, int d, int[] rows, int from, int to, float[] scale, float[] sum,
                                       int c) {
        int o0 = vectorColumn(c, d);
        int o1 = vectorColumn(c + 1, d);
        int o2 = vectorColumn(c + 2, d);
        int o3 = vectorColumn(c + 3, d);
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        int i = from;
        for (; i + 1 < to; i += 2) {
            int r = rows[i] * d;
            int q = rows[i + 1] * d;
            FloatVector s = FloatVector.broadcast(SPECIES, scale[i - from]);
            FloatVector t = FloatVector.broadcast(SPECIES, scale[i + 1 - from]);
            a0 = FloatVector.fromArray(SPECIES, v, r + o0).fma(s, a0);
            a1 = FloatVector.fromArray(SPECIES, v, r + o1).fma(s, a1);
            a2 = FloatVector.fromArray(SPECIES, v, r + o2).fma(s, a2);
            a3 = FloatVector.fromArray(SPECIES, v, r + o3).fma(s, a3);
            b0 = FloatVector.fromArray(SPECIES, v, q + o0).fma(t, b0);
            b1 = FloatVector.fromArray(SPECIES, v, q + o1).fma(t, b1);
            b2 = FloatVector.fromArray(SPECIES, v, q + o2).fma(t, b2);
            b3 = FloatVector.fromArray(SPECIES, v, q + o3).fma(t, b3);
        }
        if (i < to) {
            int r = rows[i] * d;
            FloatVector s = FloatVector.broadcast(SPECIES, scale[i - from]);
            a0 = FloatVector.fromArray(SPECIES, v, r + o0).fma(s, a0);
            a1 = FloatVector.fromArray(SPECIES, v, r + o1).fma(s, a1);
            a2 = FloatVector.fromArray(SPECIES, v, r + o2).fma(s, a2);
            a3 = FloatVector.fromArray(SPECIES, v, r + o3).fma(s, a3);
        }
        int at = c * LANES;
        FloatVector.fromArray(SPECIES, sum, at).add(a0.add(b0)).intoArray(sum, at);
        FloatVector.fromArray(SPECIES, sum, at + LANES).add(a1.add(b1)).intoArray(sum, at + LANES);
        FloatVector.fromArray(SPECIES, sum, at + 2 * LANES).add(a2.add(b2)).intoArray(sum, at + 2 * LANES);
        FloatVector.fromArray(SPECIES, sum, at + 3 * LANES).add(a3.add(b3)).intoArray(sum, at + 3 * LANES);
    }

    /**
     * {@link #accumulateFour} for rows of exactly four column vectors (25 to 32 columns): with the
     * first three offsets constant, C2 keeps the loop's indices in registers instead of spilling them.
     */
    private static void accumulateFourVectorRows(float[] v, int d, int[] rows, int from, int to, float[] scale,
                                                 float[] sum) {
        int o3 = vectorColumn(3, d);
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = a0, a2 = a0, a3 = a0, b0 = a0, b1 = a0, b2 = a0, b3 = a0;
        int count = to - from;
        int k = 0;
        for (; k + 1 < count; k += 2) {
            int r = rows[from + k] * d;
            int q = rows[from + k + 1] * d;
            FloatVector s = FloatVector.broadcast(SPECIES, scale[k]);
            FloatVector t = FloatVector.broadcast(SPECIES, scale[k + 1]);
            a0 = FloatVector.fromArray(SPECIES, v, r).fma(s, a0);
            a1 = FloatVector.fromArray(SPECIES, v, r + LANES).fma(s, a1);
            a2 = FloatVector.fromArray(SPECIES, v, r + 2 * LANES).fma(s, a2);
            a3 = FloatVector.fromArray(SPECIES, v, r + o3).fma(s, a3);
            b0 = FloatVector.fromArray(SPECIES, v, q).fma(t, b0);
            b1 = FloatVector.fromArray(SPECIES, v, q + LANES).fma(t, b1);
            b2 = FloatVector.fromArray(SPECIES, v, q + 2 * LANES).fma(t, b2);
            b3 = FloatVector.fromArray(SPECIES, v, q + o3).fma(t, b3);
        }
        if (k < count) {
            int r = rows[from + k] * d;
            FloatVector s = FloatVector.broadcast(SPECIES, scale[k]);
            a0 = FloatVector.fromArray(SPECIES, v, r).fma(s, a0);
            a1 = FloatVector.fromArray(SPECIES, v, r + LANES).fma(s, a1);
            a2 = FloatVector.fromArray(SPECIES, v, r + 2 * LANES).fma(s, a2);
            a3 = FloatVector.fromArray(SPECIES, v, r + o3).fma(s, a3);
        }
        FloatVector.fromArray(SPECIES, sum, 0).add(a0.add(b0)).intoArray(sum, 0);
        FloatVector.fromArray(SPECIES, sum, LANES).add(a1.add(b1)).intoArray(sum, LANES);
        FloatVector.fromArray(SPECIES, sum, 2 * LANES).add(a2.add(b2)).intoArray(sum, 2 * LANES);
        FloatVector.fromArray(SPECIES, sum, 3 * LANES).add(a3.add(b3)).intoArray(sum, 3 * LANES);
    }

    private static void accumulateOne(float[] v, int d, int[] rows, int from, int to, float[] scale, float[] sum,
                                      int c) {
        int o = vectorColumn(c, d);
        FloatVector a = FloatVector.zero(SPECIES);
        FloatVector b = a;
        int i = from;
        for (; i + 1 < to; i += 2) {
            a = FloatVector.fromArray(SPECIES, v, rows[i] * d + o).fma(FloatVector.broadcast(SPECIES, scale[i - from]), a);
            b = FloatVector.fromArray(SPECIES, v, rows[i + 1] * d + o).fma(FloatVector.broadcast(SPECIES, scale[i + 1 - from]), b);
        }
        if (i < to) {
            a = FloatVector.fromArray(SPECIES, v, rows[i] * d + o).fma(FloatVector.broadcast(SPECIES, scale[i - from]), a);
        }
        int at = c * LANES;
        FloatVector.fromArray(SPECIES, sum, at).add(a.add(b)).intoArray(sum, at);
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
