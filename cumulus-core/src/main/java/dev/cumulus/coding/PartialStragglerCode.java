package dev.cumulus.coding;

import java.util.Arrays;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;

/**
 * The gradient code that uses partial stragglers (Ramamoorthy, Meng, Girimaji, NeurIPS 2024): the
 * pure decisions of one round, shared by the real protocol and the simulator.
 *
 * <p>Given the broadcast state vector x, every worker derives, for each chunk i it finished, the
 * coefficients B_i = pinv(R[:, S_i]) (the minimum-norm least-squares solution of
 * min ||R[:, S_i] B - I||_F) and sends one encoded vector of length ceil(d / parts); the
 * coordinator decodes part k as sum_j R[k][j] y_j. The pseudo-inverse comes from a singular value
 * decomposition (never an explicit inverse of R R^T), computed from the same inputs in the same
 * order on every node, so coefficients never travel and agree to the bit.
 *
 * <p>Gradients are float vectors; coefficients and all accumulation are in double. Instances are
 * immutable and thread-safe.
 */
public final class PartialStragglerCode {
    private final ChunkOrder order;
    private final EncodingMatrix matrix;
    private final int parts;

    /**
     * A code over an assignment, its public order and the shared matrix R.
     *
     * @throws IllegalArgumentException if R's width is not N, or parts exceed min_i r_i (exact
     *     recovery would be impossible)
     */
    public PartialStragglerCode(ChunkOrder order, EncodingMatrix matrix) {
        this.order = Objects.requireNonNull(order, "order");
        this.matrix = Objects.requireNonNull(matrix, "matrix");
        Assignment a = order.assignment();
        if (matrix.workers() != a.workers()) {
            throw new IllegalArgumentException("encoding matrix has " + matrix.workers() + " columns, expected one per worker ("
                    + a.workers() + ")");
        }
        this.parts = matrix.parts();
        if (parts > a.minReplication()) {
            throw new IllegalArgumentException("parts " + parts + " exceed the minimum replication "
                    + a.minReplication() + " of the assignment: exact recovery would be impossible");
        }
    }

    /** The code for the order with R = {@link EncodingMatrix#forParts}(parts, N, seed). */
    public static PartialStragglerCode of(ChunkOrder order, int parts, long seed) {
        return new PartialStragglerCode(order, EncodingMatrix.forParts(parts, order.assignment().workers(), seed));
    }

    /** The public chunk order (and through it the assignment). */
    public ChunkOrder order() {
        return order;
    }

    /** The shared matrix R. */
    public EncodingMatrix matrix() {
        return matrix;
    }

    /** The number of parts l: each worker uploads ceil(d / l) entries. */
    public int parts() {
        return parts;
    }

    /** Length of every encoded vector for gradients of the given dimension: ceil(d / parts). */
    public int encodedLength(int dimension) {
        return (dimension + parts - 1) / parts;
    }

    /** The coverage implied by state x. */
    public Coverage coverage(StateVector x) {
        return Coverage.of(order, x);
    }

    /** The exact-mode trigger: every chunk finished by at least {@code parts} workers. */
    public boolean exactTriggered(StateVector x) {
        return coverage(x).coversAll(parts);
    }

    /** Whether worker j sends anything in state x (it does iff x_j >= 1). */
    public boolean sends(int worker, StateVector x) {
        return x.finished(worker) >= 1;
    }

    /**
     * Worker j's encoding coefficients in state x: row p (for p < x_j) is beta_{j,i} (length
     * parts) for the chunk i at position p of its order. Empty when x_j = 0.
     */
    public double[][] coefficients(int worker, StateVector x) {
        Coverage coverage = coverage(x);
        int done = x.finished(worker);
        double[][] beta = new double[done][];
        for (int p = 0; p < done; p++) {
            int chunk = order.chunkAt(worker, p);
            int[] finishers = coverage.finishersView(chunk);
            DMatrixRMaj b = pseudoInverse(finishers);
            int row = Arrays.binarySearch(finishers, worker);
            beta[p] = new double[parts];
            for (int k = 0; k < parts; k++) {
                beta[p][k] = b.unsafe_get(row, k);
            }
        }
        return beta;
    }

    /**
     * Worker j's encoded vector y_j = sum_{p < x_j} sum_k beta_{j,i}[k] g_i^(k), where
     * {@code chunkGradients[p]} is the gradient of the chunk at position p of its order (entries
     * beyond x_j are ignored) and g^(k) is part k of a gradient padded with zeros to parts * L.
     *
     * @throws IllegalArgumentException if x_j = 0, fewer than x_j gradients are given, or their
     *     lengths differ
     */
    public float[] encode(int worker, StateVector x, float[][] chunkGradients) {
        double[] y = encodeInDouble(worker, x, chunkGradients.length, dimensionOf(chunkGradients, x, worker),
                (p, idx) -> chunkGradients[p][idx]);
        float[] out = new float[y.length];
        for (int t = 0; t < y.length; t++) {
            out[t] = (float) y[t];
        }
        return out;
    }

    /** {@link #encode(int, StateVector, float[][])} in double precision throughout. */
    public double[] encode(int worker, StateVector x, double[][] chunkGradients) {
        int done = x.finished(worker);
        requireEnough(worker, done, chunkGradients.length);
        int d = chunkGradients[0].length;
        for (int p = 0; p < done; p++) {
            requireLength(worker, p, chunkGradients[p].length, d);
        }
        return encodeInDouble(worker, x, chunkGradients.length, d, (p, idx) -> chunkGradients[p][idx]);
    }

    /**
     * Decodes the full gradient (length {@code dimension}) from the workers' encoded vectors:
     * part k is sum_j R[k][j] y_j. {@code encoded[j]} is worker j's vector, or null if it sent
     * nothing (x_j = 0). Exact when {@link #exactTriggered} holds; otherwise the best
     * approximation this code offers.
     */
    public float[] decode(StateVector x, float[][] encoded, int dimension) {
        double[] g = decodeInDouble(x, encoded.length, dimension, (j, t) -> encoded[j][t],
                j -> encoded[j] == null ? -1 : encoded[j].length);
        float[] out = new float[dimension];
        for (int t = 0; t < dimension; t++) {
            out[t] = (float) g[t];
        }
        return out;
    }

    /** {@link #decode(StateVector, float[][], int)} in double precision throughout. */
    public double[] decode(StateVector x, double[][] encoded, int dimension) {
        return decodeInDouble(x, encoded.length, dimension, (j, t) -> encoded[j][t],
                j -> encoded[j] == null ? -1 : encoded[j].length);
    }

    /**
     * Per-chunk coefficient error E_i = ||R[:, S_i] B_i - I||_F^2, computed from the actual
     * pseudo-inverses; for a generic R it equals parts - min(parts, c_i).
     */
    public double[] chunkErrors(StateVector x) {
        Coverage coverage = coverage(x);
        double[] errors = new double[coverage.chunks()];
        for (int i = 0; i < errors.length; i++) {
            int[] finishers = coverage.finishersView(i);
            if (finishers.length == 0) {
                errors[i] = parts;
                continue;
            }
            DMatrixRMaj r = matrix.columns(finishers);
            DMatrixRMaj product = new DMatrixRMaj(parts, parts);
            CommonOps_DDRM.mult(r, pseudoInverse(finishers), product);
            double e = 0;
            for (int k = 0; k < parts; k++) {
                for (int l = 0; l < parts; l++) {
                    double diff = product.unsafe_get(k, l) - (k == l ? 1.0 : 0.0);
                    e += diff * diff;
                }
            }
            errors[i] = e;
        }
        return errors;
    }

    /** Normalised mean-squared coefficient error sum_i E_i / (m parts), from the pseudo-inverses. */
    public double normalisedError(StateVector x) {
        double sum = 0;
        for (double e : chunkErrors(x)) {
            sum += e;
        }
        return sum / ((double) order.assignment().chunks() * parts);
    }

    /**
     * The closed form of {@link #normalisedError} for a generic R: sum_i (parts - min(parts,
     * c_i)) / (m parts).
     */
    public static double normalisedErrorFromCoverage(int[] coverageCounts, int parts) {
        long deficit = 0;
        for (int c : coverageCounts) {
            deficit += Math.max(0, parts - c);
        }
        return (double) deficit / ((double) coverageCounts.length * parts);
    }

    /**
     * The largest condition number sigma_max / sigma_min (over the min(parts, c_i) singular
     * values) of any R[:, S_i] with c_i >= 1 in state x: how much the coefficients can amplify
     * rounding.
     */
    public double worstConditionNumber(StateVector x) {
        Coverage coverage = coverage(x);
        double worst = 1.0;
        for (int i = 0; i < coverage.chunks(); i++) {
            int[] finishers = coverage.finishersView(i);
            if (finishers.length == 0) {
                continue;
            }
            double[] s = SingularOps_DDRM.singularValues(matrix.columns(finishers));
            double max = 0;
            double min = Double.POSITIVE_INFINITY;
            for (double v : s) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
            worst = Math.max(worst, max / min);
        }
        return worst;
    }

    /** pinv(R[:, S]) (|S| x parts) by singular value decomposition. */
    private DMatrixRMaj pseudoInverse(int[] finishers) {
        DMatrixRMaj r = matrix.columns(finishers);
        DMatrixRMaj b = new DMatrixRMaj(finishers.length, parts);
        CommonOps_DDRM.pinv(r, b);
        return b;
    }

    private interface Entries {
        double get(int row, int index);
    }

    private interface Lengths {
        int of(int row);
    }

    private double[] encodeInDouble(int worker, StateVector x, int given, int dimension, Entries gradients) {
        int done = x.finished(worker);
        requireEnough(worker, done, given);
        double[][] beta = coefficients(worker, x);
        int length = encodedLength(dimension);
        double[] y = new double[length];
        for (int p = 0; p < done; p++) {
            for (int k = 0; k < parts; k++) {
                double b = beta[p][k];
                int base = k * length;
                int end = Math.min(length, dimension - base);
                for (int t = 0; t < end; t++) {
                    y[t] += b * gradients.get(p, base + t);
                }
            }
        }
        return y;
    }

    private double[] decodeInDouble(StateVector x, int given, int dimension, Entries encoded, Lengths lengths) {
        int n = order.assignment().workers();
        if (given != n) {
            throw new IllegalArgumentException("decode needs one slot per worker (" + n + "), got " + given);
        }
        int length = encodedLength(dimension);
        double[] g = new double[dimension];
        for (int j = 0; j < n; j++) {
            if (x.finished(j) == 0) {
                continue;
            }
            int len = lengths.of(j);
            if (len != length) {
                throw new IllegalArgumentException("worker " + j + " finished " + x.finished(j)
                        + " chunks but its encoded vector has length " + len + ", expected " + length);
            }
            for (int k = 0; k < parts; k++) {
                double r = matrix.get(k, j);
                int base = k * length;
                int end = Math.min(length, dimension - base);
                for (int t = 0; t < end; t++) {
                    g[base + t] += r * encoded.get(j, t);
                }
            }
        }
        return g;
    }

    private static int dimensionOf(float[][] gradients, StateVector x, int worker) {
        int done = x.finished(worker);
        requireEnough(worker, done, gradients.length);
        int d = gradients[0].length;
        for (int p = 0; p < done; p++) {
            requireLength(worker, p, gradients[p].length, d);
        }
        return d;
    }

    private static void requireEnough(int worker, int done, int given) {
        if (done == 0) {
            throw new IllegalArgumentException("worker " + worker + " finished no chunk and sends nothing");
        }
        if (given < done) {
            throw new IllegalArgumentException("worker " + worker + " finished " + done + " chunks but "
                    + given + " gradients were given");
        }
    }

    private static void requireLength(int worker, int position, int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException("worker " + worker + ": gradient at position " + position
                    + " has length " + length + ", expected " + expected);
        }
    }
}
