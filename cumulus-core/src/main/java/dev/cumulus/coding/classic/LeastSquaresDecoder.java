package dev.cumulus.coding.classic;

import java.util.Optional;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.linsol.svd.SolvePseudoInverseSvd_DDRM;

/** The least-squares decoder of a classic code: solve B_F^T a = 1 over the finished set F. */
final class LeastSquaresDecoder {
    /** Residual (max norm) above which the finished set is declared unable to decode. */
    static final double TOLERANCE = 1e-8;
    /** Singular values at or below this fraction of the largest count as zero. */
    static final double RANK_CUTOFF = 1e-9;

    private LeastSquaresDecoder() {
    }

    static Optional<double[]> solve(double[][] b, boolean[] finished) {
        double[] a = best(b, finished);
        return residualMax(b, a) > TOLERANCE ? Optional.empty() : Optional.of(a);
    }

    /** The least-squares a over the finished set (all zeros if nobody finished). */
    static double[] best(double[][] b, boolean[] finished) {
        int n = b.length;
        if (finished.length != n) {
            throw new IllegalArgumentException("finished flags for " + finished.length + " workers, code has " + n);
        }
        int m = b[0].length;
        int f = 0;
        for (boolean done : finished) {
            if (done) {
                f++;
            }
        }
        double[] a = new double[n];
        if (f == 0) {
            return a;
        }
        int[] rows = new int[f];
        int k = 0;
        for (int j = 0; j < n; j++) {
            if (finished[j]) {
                rows[k++] = j;
            }
        }
        DMatrixRMaj bt = new DMatrixRMaj(m, f);
        for (int c = 0; c < f; c++) {
            for (int i = 0; i < m; i++) {
                bt.unsafe_set(i, c, b[rows[c]][i]);
            }
        }
        DMatrixRMaj pinv = pseudoInverse(bt);
        for (int c = 0; c < f; c++) {
            double s = 0;
            for (int i = 0; i < m; i++) {
                s += pinv.unsafe_get(c, i);
            }
            a[rows[c]] = s;
        }
        return a;
    }

    /**
     * The pseudo-inverse that drops singular values below {@link #RANK_CUTOFF} of the largest: a set
     * of finished rows that spans the all-ones vector only through such a direction would decode with
     * coefficients around 1e9 and so amplify every float error of the gradients; it counts as unable
     * to decode, which is also what a rank computed at that relative cut-off says.
     */
    private static DMatrixRMaj pseudoInverse(DMatrixRMaj a) {
        SolvePseudoInverseSvd_DDRM solver = new SolvePseudoInverseSvd_DDRM(a.numRows, a.numCols);
        // EJML drops singular values below threshold x max(rows, cols) x the largest.
        solver.setThreshold(RANK_CUTOFF / Math.max(a.numRows, a.numCols));
        if (!solver.setA(a.copy())) {
            throw new IllegalStateException("SVD of the finished rows did not converge");
        }
        DMatrixRMaj pinv = new DMatrixRMaj(a.numCols, a.numRows);
        solver.invert(pinv);
        return pinv;
    }

    /** The residual r = B^T a - 1 (length m). */
    static double[] residual(double[][] b, double[] a) {
        int m = b[0].length;
        double[] r = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int j = 0; j < b.length; j++) {
                s += b[j][i] * a[j];
            }
            r[i] = s - 1.0;
        }
        return r;
    }

    private static double residualMax(double[][] b, double[] a) {
        double max = 0;
        for (double r : residual(b, a)) {
            max = Math.max(max, Math.abs(r));
        }
        return max;
    }
}
