package dev.cumulus.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.junit.jupiter.api.Test;

class SmallestMaxEigenvalueAveragingTest {

    @Test
    void keepsTheFourHonestInputsOfFixtureF() {
        assertThat(new SmallestMaxEigenvalueAveraging(1).aggregate(Fixtures.f()))
                .containsExactly(new float[] {2.5f, 1.75f}, within(1e-6f));
    }

    @Test
    void theHonestSubsetOfFixtureFHasTheWorkedLargestEigenvalue() {
        float[][] x = Fixtures.f();
        double[][] gram = new double[5][5];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                gram[i][j] = (double) x[i][0] * x[j][0] + (double) x[i][1] * x[j][1];
            }
        }
        double eigenvalue = SmallestMaxEigenvalueAveraging.largestEigenvalue(gram, new int[] {0, 1, 2, 3},
                new DMatrixRMaj(4, 4), DecompositionFactory_DDRM.eig(4, false, true));
        assertThat(eigenvalue).isCloseTo(2.711399, within(1e-6));
    }

    @Property(tries = 300)
    void averagesTheSubsetWhoseTwoByTwoCovarianceHasTheSmallestLargestEigenvalue(@ForAll long seed,
                                                                                 @ForAll @IntRange(min = 1, max = 10) int n,
                                                                                 @ForAll @IntRange(min = 0, max = 4) int f) {
        if (n <= 2 * f) {
            return;
        }
        float[][] x = Fixtures.random(seed, n, 2, 10);
        long bestMask = -1;
        double bestEigenvalue = Double.MAX_VALUE;
        for (long mask = 0; mask < 1L << n; mask++) {
            if (Long.bitCount(mask) != n - f) {
                continue;
            }
            float[] mean = Fixtures.meanOfMask(x, mask);
            double sxx = 0;
            double sxy = 0;
            double syy = 0;
            for (int i = 0; i < n; i++) {
                if ((mask >>> i & 1) != 0) {
                    double dx = x[i][0] - mean[0];
                    double dy = x[i][1] - mean[1];
                    sxx += dx * dx;
                    sxy += dx * dy;
                    syy += dy * dy;
                }
            }
            int m = n - f;
            double a = sxx / m;
            double b = sxy / m;
            double c = syy / m;
            double eigenvalue = (a + c) / 2 + Math.sqrt((a - c) * (a - c) / 4 + b * b);
            if (eigenvalue < bestEigenvalue) {
                bestEigenvalue = eigenvalue;
                bestMask = mask;
            }
        }
        assertThat(new SmallestMaxEigenvalueAveraging(f).aggregate(x)).containsExactly(Fixtures.meanOfMask(x, bestMask), within(1e-4f));
    }

    @Test
    void refusesASearchLargerThanItsLimit() {
        assertThatThrownBy(() -> new SmallestMaxEigenvalueAveraging(2, 5).aggregate(Fixtures.x7()))
                .hasMessage("smea would search C(7, 2) = 21 subsets, more than its limit of 5; got n = 7, f = 2"
                        + " (lower f, use fewer peers, or raise maxSubsets)");
    }
}
