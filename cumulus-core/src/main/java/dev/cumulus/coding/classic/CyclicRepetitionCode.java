package dev.cumulus.coding.classic;

import dev.cumulus.coding.Assignment;
import java.util.Optional;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The cyclic repetition code of Tandon et al.: worker i holds chunks i..i+s (mod n); its
 * coefficients span the null space of a random s x n matrix H with H 1 = 0, so any n - s workers
 * can combine their vectors into the full gradient.
 */
public final class CyclicRepetitionCode implements GradientCode {
    private final Assignment assignment;
    private final int stragglers;
    private final double[][] b;

    /** The code for n workers tolerating s stragglers, H drawn from the seed. */
    public CyclicRepetitionCode(int workers, int stragglers, long seed) {
        if (stragglers < 0 || stragglers >= workers) {
            throw new IllegalArgumentException("cyclic repetition needs 0 <= s < n, got n=" + workers + ", s=" + stragglers);
        }
        this.assignment = Assignment.cyclic(workers, stragglers + 1);
        this.stragglers = stragglers;
        this.b = build(workers, stragglers, new Random(seed));
    }

    private static double[][] build(int n, int s, Random random) {
        double[][] b = new double[n][n];
        if (s == 0) {
            for (int i = 0; i < n; i++) {
                b[i][i] = 1.0;
            }
            return b;
        }
        DMatrixRMaj h = new DMatrixRMaj(s, n);
        for (int r = 0; r < s; r++) {
            double sum = 0;
            for (int c = 0; c < n - 1; c++) {
                double v = random.nextGaussian();
                h.unsafe_set(r, c, v);
                sum += v;
            }
            h.unsafe_set(r, n - 1, -sum);
        }
        for (int i = 0; i < n; i++) {
            // Row i = e_i + z on columns i+1..i+s with H[:, those] z = -H[:, i], so H b_i = 0.
            DMatrixRMaj block = new DMatrixRMaj(s, s);
            DMatrixRMaj rhs = new DMatrixRMaj(s, 1);
            for (int r = 0; r < s; r++) {
                for (int c = 0; c < s; c++) {
                    block.unsafe_set(r, c, h.unsafe_get(r, (i + 1 + c) % n));
                }
                rhs.unsafe_set(r, 0, -h.unsafe_get(r, i));
            }
            DMatrixRMaj z = new DMatrixRMaj(s, 1);
            if (!CommonOps_DDRM.solve(block, rhs, z)) {
                throw new IllegalStateException("singular block in the cyclic repetition code; choose another seed");
            }
            b[i][i] = 1.0;
            for (int c = 0; c < s; c++) {
                b[i][(i + 1 + c) % n] = z.unsafe_get(c, 0);
            }
        }
        return b;
    }

    @Override
    public Assignment assignment() {
        return assignment;
    }

    @Override
    public int stragglers() {
        return stragglers;
    }

    @Override
    public double[][] encodingMatrix() {
        double[][] copy = new double[b.length][];
        for (int j = 0; j < b.length; j++) {
            copy[j] = b[j].clone();
        }
        return copy;
    }

    @Override
    public Optional<double[]> decodingVector(boolean[] finished) {
        return LeastSquaresDecoder.solve(b, finished);
    }
}
