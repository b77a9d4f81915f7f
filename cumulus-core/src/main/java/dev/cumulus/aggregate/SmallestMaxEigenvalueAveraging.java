package dev.cumulus.aggregate;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Smallest maximum eigenvalue averaging (SMEA, Allouah et al. 2023): among all subsets of n - f
 * inputs, the one whose empirical covariance (normalised by 1/|S|) has the smallest largest
 * eigenvalue wins, and its mean is the output. Needs n > 2f.
 *
 * <p>The eigenvalue is exact (a symmetric eigensolver), where ByzFL takes one power step from a
 * random start and so is not deterministic. It is computed on the |S| x |S| centred Gram matrix,
 * whose nonzero eigenvalues are the d x d covariance's, so the cost does not grow with d beyond
 * one n x n matrix of inner products. The search is exhaustive, capped like
 * {@link MinimumDiameterAveraging}'s; ties go to the subset with the lowest indices.
 */
public final class SmallestMaxEigenvalueAveraging implements Aggregator {
    public static final String NAME = "smea";

    private final int f;
    private final long maxSubsets;

    public SmallestMaxEigenvalueAveraging(int f) {
        this(f, Subsets.DEFAULT_LIMIT);
    }

    public SmallestMaxEigenvalueAveraging(int f, long maxSubsets) {
        Vectors.requireNonNegativeF(NAME, f);
        Subsets.checkLimit(NAME, maxSubsets);
        this.f = f;
        this.maxSubsets = maxSubsets;
    }

    @Override
    public Precondition precondition() {
        return Precondition.linear(NAME, f, 2, 1);
    }

    @Override
    public float[] aggregate(float[][] inputs) {
        Vectors.checkedLength(NAME, inputs);
        int n = inputs.length;
        precondition().check(n);
        Subsets.checkSearchable(NAME, n, f, maxSubsets);
        double[][] gram = innerProducts(inputs);
        int size = n - f;
        int[] subset = Subsets.first(size);
        int[] best = subset.clone();
        double bestEigenvalue = Double.NaN;
        DMatrixRMaj centred = new DMatrixRMaj(size, size);
        EigenDecomposition_F64<DMatrixRMaj> solver = DecompositionFactory_DDRM.eig(size, false, true);
        do {
            double eigenvalue = largestEigenvalue(gram, subset, centred, solver);
            if (Double.isNaN(bestEigenvalue) || eigenvalue < bestEigenvalue) {
                bestEigenvalue = eigenvalue;
                System.arraycopy(subset, 0, best, 0, size);
            }
        } while (Subsets.advance(subset, n));
        return Vectors.mean(inputs, best, size);
    }

    /** The largest eigenvalue of the covariance (1/|S|) sum (x - mean)(x - mean)^T of the subset. */
    static double largestEigenvalue(double[][] gram, int[] subset, DMatrixRMaj centred, EigenDecomposition_F64<DMatrixRMaj> solver) {
        int m = subset.length;
        double[] rowMeans = new double[m];
        double total = 0;
        for (int a = 0; a < m; a++) {
            double sum = 0;
            for (int b = 0; b < m; b++) {
                sum += gram[subset[a]][subset[b]];
            }
            rowMeans[a] = sum / m;
            total += sum;
        }
        total /= (double) m * m;
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                double c = gram[subset[a]][subset[b]] - rowMeans[a] - rowMeans[b] + total;
                centred.unsafe_set(a, b, c / m);
            }
        }
        if (!solver.decompose(centred)) {
            throw new IllegalStateException(NAME + ": the eigensolver did not converge on a " + m + " x " + m + " matrix");
        }
        double max = 0;
        for (int i = 0; i < m; i++) {
            max = Math.max(max, solver.getEigenvalue(i).real);
        }
        return max;
    }

    /**
     * Inner products of the inputs after subtracting the mean of all of them: covariances do not
     * change, and centring first keeps a large common offset from cancelling the digits that matter.
     */
    private static double[][] innerProducts(float[][] inputs) {
        int n = inputs.length;
        int d = inputs[0].length;
        double[] centre = new double[d];
        for (float[] x : inputs) {
            for (int k = 0; k < d; k++) {
                centre[k] += x[k];
            }
        }
        for (int k = 0; k < d; k++) {
            centre[k] /= n;
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double s = 0;
                float[] a = inputs[i];
                float[] b = inputs[j];
                for (int k = 0; k < d; k++) {
                    s += (a[k] - centre[k]) * (b[k] - centre[k]);
                }
                out[i][j] = s;
                out[j][i] = s;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return NAME + "(f=" + f + ")";
    }
}
