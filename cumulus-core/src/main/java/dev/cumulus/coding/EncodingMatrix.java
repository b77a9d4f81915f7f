package dev.cumulus.coding;

import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;

/**
 * The shared matrix R (parts x N) of the partial-straggler code, identical on every node.
 *
 * <p>For one part it is all ones, so the coordinator simply adds what it receives. For more parts
 * there are two constructions. {@link #gaussian} draws R from a shared seed: generic, so every
 * parts x parts submatrix is invertible with probability one, but some are badly conditioned
 * (condition numbers of 1e5 and more at N = 30), which float32 gradients cannot afford.
 * {@link #forAssignment} builds R from the assignment so that every submatrix the decoder can meet
 * is well conditioned, whatever N: see there. {@link Random#nextGaussian()} is specified to the
 * bit, so every JVM derives the same Gaussian R from the same seed.
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

    /**
     * A well-conditioned R for the assignment: a harmonic frame over a colouring of the workers.
     *
     * <p>The decoder only ever inverts R[:, S] for S a subset of the workers holding one chunk
     * (c_i >= parts of them in exact mode), so the property the code needs is: any parts columns
     * among the holders of one chunk are linearly independent, and well conditioned. The workers
     * are coloured greedily, in index order, so that two workers sharing a chunk never share a
     * colour (q colours; q = load for the cyclic assignment when load divides N). Colour t is the
     * angle theta_t = 2 pi t / q, and worker j's column is the real form of the Vandermonde column
     * (e^{i f theta}) over the parts frequencies f = -(parts-1)/2 .. (parts-1)/2: rows
     * sqrt(2) cos(f theta) and sqrt(2) sin(f theta) for each f > 0, plus a row of ones when parts
     * is odd. That real form is the complex Vandermonde matrix on distinct points of the unit
     * circle times unitary matrices, so any parts distinct colours give an invertible matrix with
     * the same singular values; the holders of a chunk have distinct colours, hence the property,
     * and the worst condition number depends on q and parts only, not on N. For one part it is the
     * all-ones matrix.
     */
    public static EncodingMatrix forAssignment(Assignment assignment, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("encoding matrix needs parts >= 1, got " + parts);
        }
        int n = assignment.workers();
        int[] colour = colourHolders(assignment);
        int q = 0;
        for (int c : colour) {
            q = Math.max(q, c + 1);
        }
        q = Math.max(q, parts);
        double[] v = new double[parts * n];
        for (int j = 0; j < n; j++) {
            double theta = 2 * Math.PI * colour[j] / q;
            int row = 0;
            if (parts % 2 == 1) {
                v[j] = 1.0;
                row = 1;
            }
            for (int k = 0; row < parts; k++) {
                double f = (parts % 2 == 1 ? 1.0 : 0.5) + k;
                v[row * n + j] = Math.sqrt(2) * Math.cos(f * theta);
                v[(row + 1) * n + j] = Math.sqrt(2) * Math.sin(f * theta);
                row += 2;
            }
        }
        return new EncodingMatrix(parts, n, v);
    }

    /** Smallest colour per worker (in index order) not used by a worker it shares a chunk with. */
    private static int[] colourHolders(Assignment assignment) {
        int n = assignment.workers();
        int[] colour = new int[n];
        int[] usedBy = new int[n * 2 + 2];
        Arrays.fill(usedBy, -1);
        for (int j = 0; j < n; j++) {
            for (int chunk : assignment.chunksOf(j)) {
                for (int other : assignment.workersOf(chunk)) {
                    if (other < j) {
                        usedBy = mark(usedBy, colour[other], j);
                    }
                }
            }
            int c = 0;
            while (c < usedBy.length && usedBy[c] == j) {
                c++;
            }
            colour[j] = c;
        }
        return colour;
    }

    private static int[] mark(int[] usedBy, int colour, int worker) {
        int[] marks = usedBy;
        if (colour >= marks.length) {
            int old = marks.length;
            marks = Arrays.copyOf(marks, colour * 2 + 2);
            Arrays.fill(marks, old, marks.length, -1);
        }
        marks[colour] = worker;
        return marks;
    }

    /**
     * The largest condition number of R[:, T] over every chunk and every set T of exactly parts
     * workers holding it: how much decoding can amplify rounding in exact mode (a larger coverage
     * set only adds columns, which cannot make the best-conditioned part worse).
     */
    public double worstHolderConditionNumber(Assignment assignment) {
        double worst = 1.0;
        for (int i = 0; i < assignment.chunks(); i++) {
            int[] holders = assignment.workersOf(i);
            int[] pick = new int[parts];
            worst = Math.max(worst, worstSubset(holders, pick, 0, 0));
        }
        return worst;
    }

    private double worstSubset(int[] holders, int[] pick, int filled, int from) {
        if (filled == pick.length) {
            double[] s = SingularOps_DDRM.singularValues(columns(pick));
            double max = 0;
            double min = Double.POSITIVE_INFINITY;
            for (double x : s) {
                max = Math.max(max, x);
                min = Math.min(min, x);
            }
            return min == 0 ? Double.POSITIVE_INFINITY : max / min;
        }
        double worst = 1.0;
        for (int h = from; h <= holders.length - (pick.length - filled); h++) {
            pick[filled] = holders[h];
            worst = Math.max(worst, worstSubset(holders, pick, filled + 1, h + 1));
        }
        return worst;
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
