package dev.cumulus.coding;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;

/**
 * The shared matrix R (parts x N) of the partial-straggler code, identical on every node.
 *
 * <p>For one part it is all ones, so the coordinator simply adds what it receives. For more parts
 * it is Gaussian from a shared seed: generic, so every parts x parts submatrix is invertible with
 * probability one. {@link Random#nextGaussian()} is specified to the bit, so every JVM derives the
 * same R from the same seed.
 */
public final class EncodingMatrix {
    private final int parts;
    private final int workers;
    private final double[] values;

    private EncodingMatrix(int parts, int workers, double[] values) {
        if (parts < 1 || workers < 1) {
            throw new IllegalArgumentException("encoding matrix needs parts >= 1 and workers >= 1, got "
                    + parts + " x " + workers);
        }
        this.parts = parts;
        this.workers = workers;
        this.values = values;
    }

    /** The all-ones 1 x N matrix. */
    public static EncodingMatrix ones(int workers) {
        double[] v = new double[workers];
        Arrays.fill(v, 1.0);
        return new EncodingMatrix(1, workers, v);
    }

    /** A parts x N matrix of independent standard Gaussians drawn from the seed, row by row. */
    public static EncodingMatrix gaussian(int parts, int workers, long seed) {
        Random random = new Random(seed);
        double[] v = new double[parts * workers];
        for (int k = 0; k < v.length; k++) {
            v[k] = random.nextGaussian();
        }
        return new EncodingMatrix(parts, workers, v);
    }

    /** The matrix the protocol uses: all ones for one part, Gaussian from the seed otherwise. */
    public static EncodingMatrix forParts(int parts, int workers, long seed) {
        return parts == 1 ? ones(workers) : gaussian(parts, workers, seed);
    }

    /** An explicit matrix, {@code rows[k][j]} = R[k][j] (copied). */
    public static EncodingMatrix of(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("encoding matrix has no rows");
        }
        int n = rows[0].length;
        double[] v = new double[rows.length * n];
        for (int k = 0; k < rows.length; k++) {
            if (rows[k].length != n) {
                throw new IllegalArgumentException("encoding matrix row " + k + " has " + rows[k].length
                        + " entries, expected " + n);
            }
            System.arraycopy(rows[k], 0, v, k * n, n);
        }
        return new EncodingMatrix(rows.length, n, v);
    }

    /** Number of parts l (rows). */
    public int parts() {
        return parts;
    }

    /** Number of workers N (columns). */
    public int workers() {
        return workers;
    }

    /** R[part][worker]. */
    public double get(int part, int worker) {
        return values[part * workers + worker];
    }

    /** The submatrix R[:, columns] (parts x columns.length), columns in the given order. */
    DMatrixRMaj columns(int[] columns) {
        DMatrixRMaj m = new DMatrixRMaj(parts, columns.length);
        for (int k = 0; k < parts; k++) {
            for (int c = 0; c < columns.length; c++) {
                m.unsafe_set(k, c, values[k * workers + columns[c]]);
            }
        }
        return m;
    }
}
