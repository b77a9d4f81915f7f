package dev.cumulus.model;

import dev.cumulus.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Objectives and gradients at points where they are known in closed form. */
class ClosedFormTest {
    private final Dataset binary = RandomData.dataset(1, 50, 6, 2, false);
    private final Dataset tenClasses = RandomData.dataset(2, 50, 6, 10, false);

    @Test
    void logisticLossAtZeroIsLn2() {
        Model model = new LogisticRegression(6, 0.5);
        float[] g = new float[model.parameterCount()];
        double loss = model.lossAndGradient(new float[model.parameterCount()], binary, RandomData.rows(3, 30, 50), g);
        assertThat(loss).isCloseTo(Math.log(2), within(1e-7));
        assertThat(model.loss(new float[model.parameterCount()], binary)).isCloseTo(Math.log(2), within(1e-7));
    }

    @Test
    void logisticGradientAtZeroIsHalfMinusMeanLabelTimesFeatures() {
        Model model = new LogisticRegression(6, 0);
        int[] rows = {0, 1, 2, 3};
        float[] g = new float[7];
        model.lossAndGradient(new float[7], binary, rows, g);
        for (int j = 0; j < 6; j++) {
            double expected = 0;
            for (int r : rows) {
                expected += (0.5 - binary.labels()[r]) * binary.features().get(r, j) / rows.length;
            }
            assertThat((double) g[j]).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void svmLossAtZeroIsOneAndEveryExampleIsActive() {
        Model model = new LinearSvm(6, 0.1);
        float[] g = new float[7];
        double loss = model.lossAndGradient(new float[7], binary, new int[] {0, 1}, g);
        assertThat(loss).isEqualTo(1.0);
        double expectedBias = 0;
        for (int r : new int[] {0, 1}) {
            expectedBias += -(binary.labels()[r] == 1 ? 1 : -1) / 2.0;
        }
        assertThat((double) g[6]).isEqualTo(expectedBias);
    }

    @Test
    void softmaxLossAtZeroIsLnK() {
        Model model = new SoftmaxRegression(6, 10, 0.3);
        float[] g = new float[model.parameterCount()];
        double loss = model.lossAndGradient(new float[model.parameterCount()], tenClasses, RandomData.rows(4, 70, 50), g);
        assertThat(loss).isCloseTo(Math.log(10), within(1e-6));
    }

    @Test
    void mlpWithZeroOutputLayerHasLossLnK() {
        Mlp model = new Mlp(6, List.of(5, 4), 10, 0);
        float[] p = model.initialParameters(9);
        int outputWeights = 4 * 10 + 10;
        java.util.Arrays.fill(p, p.length - outputWeights, p.length, 0f);
        assertThat(model.loss(p, tenClasses)).isCloseTo(Math.log(10), within(1e-6));
    }

    @Test
    void l2TermCoversWeightsButNotBiases() {
        Model model = new SoftmaxRegression(2, 3, 0.5);
        float[] p = {1, 2, 3, 4, 5, 6, 100, 200, 300};
        float[] g = new float[9];
        double loss = model.lossAndGradient(p, RandomData.dataset(5, 4, 2, 3, false), new int[0], g);
        assertThat(loss).isCloseTo(0.25 * (1 + 4 + 9 + 16 + 25 + 36), within(1e-9));
        assertThat(g).containsExactly(0.5f, 1f, 1.5f, 2f, 2.5f, 3f, 0f, 0f, 0f);
    }

    @Test
    void logisticLossStaysFiniteForHugeMargins() {
        Model model = new LogisticRegression(1, 0);
        Dataset one = new Dataset(new dev.cumulus.data.DenseFeatures(2, 1, new float[] {1, 1}), new int[] {0, 1}, 2);
        float[] p = {1e4f, 0f};
        float[] g = new float[2];
        double loss = model.lossAndGradient(p, one, new int[] {0, 1}, g);
        // Row 0 (label 0, z = 1e4) costs 1e4, row 1 costs ~0: mean 5e3.
        assertThat(loss).isCloseTo(5e3, within(1e-6));
        assertThat(g[0]).isCloseTo(0.5f, within(1e-7f));
    }

    @Test
    void denseAndSparseStorageGiveTheSameGradient() {
        Dataset dense = RandomData.dataset(6, 200, 9, 4, false);
        Dataset sparse = RandomData.withSparseFeatures(dense);
        int[] rows = RandomData.rows(7, 150, 200);
        for (Model model : List.of(new LogisticRegression(9, 0.1), new LinearSvm(9, 0.1),
                new SoftmaxRegression(9, 4, 0.1), new Mlp(9, List.of(8, 6), 4, 0.1))) {
            float[] p = RandomData.gaussian(8, model.parameterCount(), 0.4);
            Dataset denseData = model instanceof LogisticRegression || model instanceof LinearSvm
                    ? binaryLabels(dense) : dense;
            Dataset sparseData = model instanceof LogisticRegression || model instanceof LinearSvm
                    ? binaryLabels(sparse) : sparse;
            float[] gd = new float[p.length];
            float[] gs = new float[p.length];
            double ld = model.lossAndGradient(p, denseData, rows, gd);
            double ls = model.lossAndGradient(p, sparseData, rows, gs);
            assertThat(ls).as(model.getClass().getSimpleName()).isCloseTo(ld, within(1e-5));
            for (int i = 0; i < p.length; i++) {
                assertThat(gs[i]).as(model.getClass().getSimpleName() + " gradient[" + i + "]").isCloseTo(gd[i], within(1e-5f));
            }
            assertThat(model.accuracy(p, sparseData)).isEqualTo(model.accuracy(p, denseData));
        }
    }

    @Test
    void mlpAccuracyByBlocksAgreesWithRowByRowPrediction() {
        Mlp model = new Mlp(6, List.of(7), 10, 0);
        float[] p = model.initialParameters(3);
        int correct = 0;
        for (int r = 0; r < tenClasses.rows(); r++) {
            correct += model.predict(p, tenClasses, r) == tenClasses.labels()[r] ? 1 : 0;
        }
        assertThat(model.accuracy(p, tenClasses)).isEqualTo((double) correct / tenClasses.rows());
    }

    @Test
    void softmaxEvaluationByBlocksMatchesTheDoubleReferenceAndRowByRowPrediction() {
        // More rows than a block and more columns than a vector, so the blocked kernels and their tails run.
        Dataset data = RandomData.dataset(5, 150, 19, 4, false);
        SoftmaxRegression model = new SoftmaxRegression(19, 4, 0.2);
        float[] p = new float[model.parameterCount()];
        java.util.Random random = new java.util.Random(9);
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) random.nextGaussian();
        }
        int[] all = Arguments.allRows(data);
        Evaluation evaluation = model.evaluate(p, data);
        double reference = ReferenceObjectives.value(ReferenceObjectives.softmax(data, all, 4, 0.2), p);
        assertThat(evaluation.loss()).isCloseTo(reference, within(1e-5 * reference));
        int correct = 0;
        int byDouble = 0;
        for (int r = 0; r < data.rows(); r++) {
            correct += model.predict(p, data, r) == data.labels()[r] ? 1 : 0;
            byDouble += doubleArgmax(data, r, p, 4) == data.labels()[r] ? 1 : 0;
        }
        assertThat(evaluation.accuracy()).isEqualTo((double) correct / data.rows()).isEqualTo((double) byDouble / data.rows());
        assertThat(model.loss(p, data)).isEqualTo(evaluation.loss());
    }

    @Test
    void binaryEvaluationByBlocksMatchesTheDoubleReferenceAndRowByRowPrediction() {
        // More rows than a block, dense and sparse, more columns than a vector: the blocked kernels and their tails run.
        for (boolean sparse : new boolean[] {false, true}) {
            Dataset data = RandomData.dataset(6, 700, 19, 2, sparse);
            float[] p = gaussian(20, 10);
            int[] all = Arguments.allRows(data);
            LogisticRegression logistic = new LogisticRegression(19, 0.1);
            double reference = ReferenceObjectives.value(ReferenceObjectives.logistic(data, all, 0.1), p);
            assertThat(logistic.evaluate(p, data).loss()).as("sparse=%s", sparse).isCloseTo(reference, within(1e-5 * reference));
            LinearSvm svm = new LinearSvm(19, 0.1);
            double svmReference = ReferenceObjectives.value(ReferenceObjectives.svm(data, all, 0.1), p);
            assertThat(svm.evaluate(p, data).loss()).as("sparse=%s", sparse).isCloseTo(svmReference, within(1e-5 * svmReference));
            for (BinaryLinearModel model : List.of(logistic, svm)) {
                Evaluation evaluation = model.evaluate(p, data);
                int correct = 0;
                int byDouble = 0;
                for (int r = 0; r < data.rows(); r++) {
                    correct += model.predict(p, data, r) == data.labels()[r] ? 1 : 0;
                    byDouble += (doubleMargin(data, r, p) >= 0 ? 1 : 0) == data.labels()[r] ? 1 : 0;
                }
                assertThat(evaluation.accuracy()).isEqualTo((double) correct / data.rows())
                        .isEqualTo((double) byDouble / data.rows());
                assertThat(model.loss(p, data)).isEqualTo(evaluation.loss());
                assertThat(model.accuracy(p, data)).isEqualTo(evaluation.accuracy());
            }
        }
    }

    @Test
    void evaluatingARangeInPlaceEqualsEvaluatingACopyOfItsRows() {
        Dataset data = RandomData.dataset(8, 900, 19, 3, false);
        Dataset binary = RandomData.dataset(8, 900, 19, 2, false);
        List<Model> models = List.of(new SoftmaxRegression(19, 3, 0.1), new LogisticRegression(19, 0.1),
                new LinearSvm(19, 0.1), new Mlp(19, List.of(5), 3, 0.1));
        for (Model model : models) {
            Dataset d = model instanceof BinaryLinearModel ? binary : data;
            float[] p = gaussian(model.parameterCount(), 11);
            // Ranges that start off a block and of a vector group, and an empty one.
            for (int[] range : new int[][] {{0, 900}, {3, 517}, {261, 262}, {450, 450}}) {
                Evaluation inPlace = model.evaluate(p, d, range[0], range[1]);
                Evaluation copied = model.evaluate(p, d.slice(range[0], range[1]));
                // Bit for bit; an empty range's accuracy is NaN both ways.
                assertThat(inPlace).as("%s %s", model.getClass().getSimpleName(), Arrays.toString(range))
                        .isEqualTo(copied);
            }
            assertThatThrownBy(() -> model.evaluate(p, d, 5, 901)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static float[] gaussian(int length, long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[] p = new float[length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) random.nextGaussian();
        }
        return p;
    }

    /** w . x + b of one row, in double, straight from the definition. */
    private static double doubleMargin(Dataset data, int row, float[] p) {
        int d = data.cols();
        double z = p[d];
        for (int j = 0; j < d; j++) {
            z += (double) data.features().get(row, j) * p[j];
        }
        return z;
    }

    /** The class with the highest score, in double, straight from the definition. */
    private static int doubleArgmax(Dataset data, int row, float[] p, int classes) {
        int d = data.cols();
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            double z = p[classes * d + k];
            for (int j = 0; j < d; j++) {
                z += (double) data.features().get(row, j) * p[k * d + j];
            }
            if (z > bestScore) {
                bestScore = z;
                best = k;
            }
        }
        return best;
    }

    private static Dataset binaryLabels(Dataset data) {
        int[] labels = new int[data.rows()];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = data.labels()[r] % 2;
        }
        return new Dataset(data.features(), labels, 2);
    }
}
