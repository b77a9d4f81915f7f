package dev.cumulus.coding.classic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.coding.EncodingMatrix;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Why polynomial (Vandermonde) communication-efficient codes are unusable past about 20 workers:
 * their decoder inverts a real Vandermonde system over the survivors' evaluation points, whose
 * condition number grows exponentially with the number of workers, while the partial-straggler
 * code only ever inverts l x c submatrices of a Gaussian R.
 */
class PolynomialDecodingTest {

    private static DMatrixRMaj vandermonde(int n) {
        DMatrixRMaj v = new DMatrixRMaj(n, n);
        for (int r = 0; r < n; r++) {
            double x = r + 1;
            double power = 1;
            for (int c = 0; c < n; c++) {
                v.unsafe_set(r, c, power);
                power *= x;
            }
        }
        return v;
    }

    private static double condition(DMatrixRMaj m) {
        double[] s = SingularOps_DDRM.singularValues(m);
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        return max / min;
    }

    /** Encodes random polynomial coefficients by evaluation and decodes them by solving V c = y. */
    private static double decodeError(int n) {
        Random random = new Random(n);
        DMatrixRMaj v = vandermonde(n);
        DMatrixRMaj coefficients = new DMatrixRMaj(n, 1);
        for (int k = 0; k < n; k++) {
            coefficients.set(k, 0, random.nextGaussian());
        }
        DMatrixRMaj evaluations = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.mult(v, coefficients, evaluations);
        DMatrixRMaj decoded = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.solve(v, evaluations, decoded);
        return org.ejml.dense.row.NormOps_DDRM.normF(CommonOps_DDRM.subtract(decoded, coefficients, null))
                / org.ejml.dense.row.NormOps_DDRM.normF(coefficients);
    }

    @Test
    void vandermondeDecodingCollapsesPastTwentyWorkersWhileGaussianSubmatricesStayTame() {
        double small = decodeError(8);
        double twenty = decodeError(20);
        double thirty = decodeError(30);
        double conditionTwenty = condition(vandermonde(20));
        System.out.printf("Vandermonde decode error: n=8 %.1e, n=20 %.1e, n=30 %.1e; cond(V_20) = %.1e%n",
                small, twenty, thirty, conditionTwenty);
        assertThat(small).isLessThan(1e-6);
        assertThat(conditionTwenty).isGreaterThan(1e20);
        assertThat(thirty).isGreaterThan(1e-2);

        // The partial-straggler code at N = 30 only inverts 3 x 3 submatrices of R.
        EncodingMatrix r = EncodingMatrix.gaussian(3, 30, 5L);
        double worst = 0;
        for (int a = 0; a < 30; a++) {
            for (int b = a + 1; b < 30; b++) {
                for (int c = b + 1; c < 30; c++) {
                    DMatrixRMaj m = new DMatrixRMaj(3, 3);
                    int[] cols = {a, b, c};
                    for (int k = 0; k < 3; k++) {
                        for (int j = 0; j < 3; j++) {
                            m.set(k, j, r.get(k, cols[j]));
                        }
                    }
                    worst = Math.max(worst, condition(m));
                }
            }
        }
        System.out.printf("worst condition number of a 3 x 3 submatrix of a Gaussian 3 x 30 R: %.1e%n", worst);
        assertThat(worst).isLessThan(1e6);
    }
}
