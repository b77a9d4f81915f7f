package dev.cumulus.model;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Vector API kernels agree with the scalar kernels and with independent double-precision
 * references. Runs only when the JVM has jdk.incubator.vector (the build's surefire adds it);
 * without it these tests are skipped, and the scalar path is what every other test exercises.
 */
class VectorLinearKernelsTest {

    @BeforeEach
    void requireVectorApi() {
        assumeTrue(LinearKernels.VECTORIZED, "JVM started without --add-modules jdk.incubator.vector");
    }

    @Test
    void logisticGradientEqualsTheScalarPathUpToSummationOrder() {
        // Widths around the vector length (8) and HIGGS' 28; row counts off the 8-row groups and
        // across several 256-row blocks; row indices shuffled with repeats.
        int[] widths = {8, 9, 15, 16, 23, 25, 28, 32, 33, 64};
        int[] rowCounts = {1, 7, 8, 13, 256, 300, 777};
        long seed = 11;
        for (int d : widths) {
            for (int n : rowCounts) {
                seed++;
                Dataset data = RandomData.dataset(seed, 500, d, 2, false);
                int[] rows = RandomData.rows(seed, n, data.rows());
                LogisticRegression model = new LogisticRegression(d, 1e-3);
                float[] p = RandomData.gaussian(seed, model.parameterCount(), 0.5);
                float[] scalar = new float[p.length];
                float[] vector = new float[p.length];
                double scalarLoss = model.lossAndGradient(p, data, rows, scalar, false);
                double vectorLoss = model.lossAndGradient(p, data, rows, vector, true);
                assertThat(vectorLoss).as("loss, d=%d n=%d", d, n).isCloseTo(scalarLoss, within(1e-5 * scalarLoss));
                for (int j = 0; j < p.length; j++) {
                    assertThat(vector[j]).as("gradient[%d], d=%d n=%d", j, d, n)
                            .isCloseTo(scalar[j], within(2e-5f + 1e-4f * Math.abs(scalar[j])));
                }
            }
        }
    }

    @Test
    void logisticGradientMatchesFiniteDifferencesOnWideRows() {
        for (int d : new int[] {8, 12, 28, 31}) {
            Dataset data = RandomData.dataset(d, 60, d, 2, false);
            int[] rows = RandomData.rows(d, 150, data.rows());
            LogisticRegression model = new LogisticRegression(d, 0.1);
            float[] p = RandomData.gaussian(d, model.parameterCount(), 0.3);
            float[] gradient = new float[p.length];
            double loss = model.lossAndGradient(p, data, rows, gradient, true);
            ReferenceObjectives.Objective reference = ReferenceObjectives.logistic(data, rows, 0.1);
            double expected = ReferenceObjectives.value(reference, p);
            assertThat(loss).isCloseTo(expected, within(1e-5 + 1e-5 * expected));
            double[] numeric = ReferenceObjectives.numericGradient(reference, p, 1e-6);
            for (int j = 0; j < p.length; j++) {
                assertThat((double) gradient[j]).as("gradient[%d], d=%d", j, d)
                        .isCloseTo(numeric[j], within(2e-4 + 2e-3 * Math.abs(numeric[j])));
            }
        }
    }

    @Test
    void marginsAndAccumulationMatchDoubleSumsAtAWeightOffset() {
        // 25-32 columns take the four-vector kernels; the others the column loop.
        for (int d : new int[] {9, 24, 25, 28, 32, 40}) {
            marginsAndAccumulationMatchDoubleSums(d);
        }
    }

    private static void marginsAndAccumulationMatchDoubleSums(int d) {
        Dataset data = RandomData.dataset(5, 100, d, 2, false);
        DenseFeatures x = (DenseFeatures) data.features();
        int[] rows = RandomData.rows(5, 43, data.rows());
        int offset = 3;
        float[] w = RandomData.gaussian(6, offset + d, 1.0);
        float[] margins = new float[rows.length];
        LinearKernels.margins(x, rows, 0, rows.length, w, offset, 0.25f, margins, true);
        float[] scale = RandomData.gaussian(7, rows.length, 1.0);
        float[] target = new float[offset + d + 2];
        target[offset - 1] = 9f;
        target[offset + d] = 9f;
        LinearKernels.accumulate(x, rows, 0, rows.length, scale, target, offset, true);
        for (int i = 0; i < rows.length; i++) {
            double z = 0.25;
            for (int j = 0; j < d; j++) {
                z += (double) x.get(rows[i], j) * w[offset + j];
            }
            assertThat((double) margins[i]).as("margin %d, d=%d", i, d).isCloseTo(z, within(1e-5 + 1e-5 * Math.abs(z)));
        }
        for (int j = 0; j < d; j++) {
            double g = 0;
            for (int i = 0; i < rows.length; i++) {
                g += scale[i] * (double) x.get(rows[i], j);
            }
            assertThat((double) target[offset + j]).as("target %d, d=%d", j, d).isCloseTo(g, within(1e-5 + 1e-5 * Math.abs(g)));
        }
        assertThat(target[offset - 1]).as("left neighbour untouched").isEqualTo(9f);
        assertThat(target[offset + d]).as("right neighbour untouched").isEqualTo(9f);
    }

    @Test
    void logisticLossAndGradientMatchDoublePrecisionOverLargeMargins() {
        // Row i has margin z_i exactly (feature 0 = z_i with weight 1, the other weights 0) and
        // feature 1 = 1, so gradient[0] = mean((sigmoid(z) - y) z) and gradient[1] = gradient[bias]
        // = mean(sigmoid(z) - y). z spans -120 .. 120, beyond float exp's range at both ends.
        int d = 9;
        int count = 203;
        float[] values = new float[count * d];
        int[] labels = new int[count];
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
            values[i * d] = -120f + 240f * i / (count - 1) + 0.013f * (i % 7);
            values[i * d + 1] = 1f;
            labels[i] = i % 3 == 0 ? 1 : 0;
            rows[i] = count - 1 - i;
        }
        Dataset data = new Dataset(new DenseFeatures(count, d, values), labels, 2);
        LogisticRegression model = new LogisticRegression(d, 0);
        float[] p = new float[d + 1];
        p[0] = 1f;
        float[] gradient = new float[d + 1];
        double loss = model.lossAndGradient(p, data, rows, gradient, true);
        double expectedLoss = 0;
        double expectedSlope = 0;
        double expectedWeighted = 0;
        for (int i = 0; i < count; i++) {
            double z = values[i * d];
            double sigmoid = 1 / (1 + Math.exp(-z));
            expectedLoss += Math.max(z, 0) - z * labels[i] + Math.log1p(Math.exp(-Math.abs(z)));
            expectedSlope += sigmoid - labels[i];
            expectedWeighted += (sigmoid - labels[i]) * z;
        }
        assertThat(loss).isCloseTo(expectedLoss / count, within(1e-6 * expectedLoss / count));
        assertThat((double) gradient[0]).isCloseTo(expectedWeighted / count, within(1e-5 * Math.abs(expectedWeighted / count)));
        assertThat((double) gradient[1]).isCloseTo(expectedSlope / count, within(1e-6));
        assertThat((double) gradient[d]).isCloseTo(expectedSlope / count, within(1e-6));
        for (int j = 2; j < d; j++) {
            assertThat(gradient[j]).as("gradient[%d] of an all-zero column", j).isZero();
        }
    }

    @Test
    void expMinusMatchesMathExpLaneWise() {
        float[] a = new float[8 * 500];
        for (int i = 0; i < a.length; i++) {
            a[i] = 87f * i / (a.length - 1);
        }
        for (int i = 0; i < a.length; i += 8) {
            float[] e = new float[8];
            VectorLinearKernels.expMinus(jdk.incubator.vector.FloatVector.fromArray(
                    jdk.incubator.vector.FloatVector.SPECIES_256, a, i)).intoArray(e, 0);
            for (int k = 0; k < 8; k++) {
                double expected = Math.exp(-(double) a[i + k]);
                assertThat((double) e[k]).as("exp(-%s)", a[i + k]).isCloseTo(expected, within(5e-7 * expected));
            }
        }
    }

    @Test
    void softmaxGradientOnTheVectorKernelsMatchesFiniteDifferences() {
        // Softmax reaches the vector kernels through LinearKernels' default (at a weight offset
        // per class); the existing softmax checks stop at 10 features, below the vector path.
        int d = 28;
        int classes = 3;
        Dataset data = RandomData.dataset(3, 400, d, classes, false);
        int[] rows = RandomData.rows(3, 333, data.rows());
        SoftmaxRegression model = new SoftmaxRegression(d, classes, 0.01);
        float[] p = RandomData.gaussian(3, model.parameterCount(), 0.2);
        float[] gradient = new float[p.length];
        double loss = model.lossAndGradient(p, data, rows, gradient);
        ReferenceObjectives.Objective reference = ReferenceObjectives.softmax(data, rows, classes, 0.01);
        assertThat(loss).isCloseTo(ReferenceObjectives.value(reference, p), within(1e-5));
        double[] numeric = ReferenceObjectives.numericGradient(reference, p, 1e-6);
        for (int j = 0; j < p.length; j++) {
            assertThat((double) gradient[j]).as("gradient[%d]", j)
                    .isCloseTo(numeric[j], within(2e-4 + 2e-3 * Math.abs(numeric[j])));
        }
    }
}
