package dev.cumulus.model;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelsTest {

    @Test
    void createsEachGradientModelWithItsParameterCount() {
        assertThat(Models.create(ModelSpec.of("logistic"), 28, 2)).isInstanceOf(LogisticRegression.class)
                .extracting(Model::parameterCount).isEqualTo(29);
        assertThat(Models.create(ModelSpec.of("SVM"), 28, 2)).isInstanceOf(LinearSvm.class);
        assertThat(Models.create(ModelSpec.of("softmax"), 784, 10).parameterCount()).isEqualTo(7850);
        assertThat(Models.create(ModelSpec.mlp(List.of(128), 1e-4), 784, 10).parameterCount())
                .isEqualTo(784 * 128 + 128 + 128 * 10 + 10);
    }

    @Test
    void rejectsABinaryModelOnMulticlassDataNamingTheField() {
        assertThatThrownBy(() -> Models.create(ModelSpec.of("logistic"), 784, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model.type").hasMessageContaining("10 classes");
    }

    @Test
    void autoKernelsAreScalarBelowTheWorkThatRepaysCompilingTheVectorOnesAndVectorFromIt() {
        Assumptions.assumeTrue(Models.vectorKernels(), "this JVM has no vector kernels to choose");
        ModelSpec logistic = ModelSpec.of("logistic");
        // lr-1m: 1M x 28 for 30 epochs is 0.84e9 multiply-adds, where both took as long.
        assertThat(Models.resolveKernels(logistic, 1_000_000, 28, 2, 30).kernels()).isEqualTo(ModelSpec.SCALAR);
        assertThat(Models.resolveKernels(logistic, 5_000_000, 28, 2, 30).kernels()).isEqualTo(ModelSpec.VECTOR);
        // Softmax counts a multiply-add per class: Fashion-MNIST, 60,000 x 784 x 10 for 8 epochs.
        assertThat(Models.resolveKernels(ModelSpec.of("softmax"), 60_000, 784, 10, 8).kernels())
                .isEqualTo(ModelSpec.VECTOR);
        assertThat(Models.resolveKernels(ModelSpec.of("softmax"), 60_000, 784, 10, 1).kernels())
                .isEqualTo(ModelSpec.SCALAR);
        assertThat(Models.resolveKernels(ModelSpec.mlp(List.of(8), 0), 100, 4, 3, 1).kernels()).isEqualTo(ModelSpec.VECTOR);
        // A choice in the job stays.
        assertThat(Models.resolveKernels(logistic.withKernels("VECTOR"), 10, 28, 2, 1).kernels()).isEqualTo(ModelSpec.VECTOR);
        assertThat(Models.resolveKernels(logistic.withKernels("scalar"), 5_000_000, 28, 2, 30).kernels())
                .isEqualTo(ModelSpec.SCALAR);
    }

    @Test
    void aModelRunsTheKernelsItsSpecNames() {
        var data = RandomData.dataset(3, 700, 28, 2, false);
        int[] rows = java.util.stream.IntStream.range(0, 700).toArray();
        float[] parameters = new float[29];
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] = (float) Math.sin(i);
        }
        LogisticRegression reference = new LogisticRegression(28, 0);
        for (boolean vector : new boolean[] {false, true}) {
            float[] expected = new float[29];
            double expectedLoss = reference.lossAndGradient(parameters, data, rows, expected,
                    vector && Models.vectorKernels());
            Model model = Models.create(ModelSpec.of("logistic").withKernels(vector ? "vector" : "scalar"), 28, 2);
            float[] gradient = new float[29];
            assertThat(model.lossAndGradient(parameters, data, rows, gradient)).isEqualTo(expectedLoss);
            assertThat(gradient).as("vector " + vector).containsExactly(expected);
        }
    }

    @Test
    void kernelsAreAutoUnlessNamedAndOnlyTheThreeNamesAreAccepted() {
        assertThat(ModelSpec.of("logistic").kernels()).isEqualTo(ModelSpec.AUTO);
        assertThat(new ModelSpec("logistic", null, null, 0, null).kernels()).isEqualTo(ModelSpec.AUTO);
        assertThat(new ModelSpec("logistic", null, null, 0, "Scalar").kernels()).isEqualTo(ModelSpec.SCALAR);
        assertThatThrownBy(() -> new ModelSpec("logistic", null, null, 0, "fast"))
                .hasMessageContaining("model.kernels").hasMessageContaining("auto, vector, scalar");
    }

    @Test
    void rejectsBadSpecsNamingTheField() {
        assertThatThrownBy(() -> ModelSpec.of("perceptron")).hasMessageContaining("model.type").hasMessageContaining("perceptron");
        assertThatThrownBy(() -> ModelSpec.of("mlp")).hasMessageContaining("model.hidden");
        assertThatThrownBy(() -> new ModelSpec("mlp", List.of(128, 0), null, 0)).hasMessageContaining("model.hidden");
        assertThatThrownBy(() -> new ModelSpec("softmax", List.of(128), null, 0)).hasMessageContaining("model.hidden");
        assertThatThrownBy(() -> ModelSpec.of("kmeans")).hasMessageContaining("model.k");
        assertThatThrownBy(() -> new ModelSpec("softmax", null, null, -1)).hasMessageContaining("model.l2");
        assertThatThrownBy(() -> new ModelSpec("softmax", null, null, Double.NaN)).hasMessageContaining("model.l2");
        assertThatThrownBy(() -> Models.create(new ModelSpec("softmax", null, 5, 0), 4, 10)).hasMessageContaining("model.k");
        assertThatThrownBy(() -> Models.create(new ModelSpec("kmeans", null, 5, 0), 4, 1)).hasMessageContaining("KMeans");
        assertThatThrownBy(() -> Models.create(ModelSpec.of("softmax"), 4, 1)).hasMessageContaining("model.type");
    }

    @Test
    void rejectsParametersAndDataOfTheWrongShape() {
        Model model = new SoftmaxRegression(6, 3, 0);
        var data = RandomData.dataset(1, 10, 5, 3, false);
        assertThatThrownBy(() -> model.loss(new float[model.parameterCount()], data))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 feature columns");
        assertThatThrownBy(() -> model.lossAndGradient(new float[3], RandomData.dataset(1, 10, 6, 3, false), new int[] {0}, new float[21]))
                .hasMessageContaining("parameters: expected 21");
        assertThatThrownBy(() -> model.lossAndGradient(new float[21], RandomData.dataset(1, 10, 6, 3, false), new int[] {10}, new float[21]))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("row 10");
    }

    @Test
    void mlpInitialisationIsDeterministicInTheSeedWithHeScale() {
        Mlp model = new Mlp(400, List.of(300), 10, 0);
        float[] a = model.initialParameters(5);
        assertThat(model.initialParameters(5)).containsExactly(a);
        assertThat(model.initialParameters(6)).isNotEqualTo(a);
        double sum = 0;
        for (int i = 0; i < 400 * 300; i++) {
            sum += a[i] * a[i];
        }
        assertThat(sum / (400 * 300)).isCloseTo(2.0 / 400, org.assertj.core.api.Assertions.within(2e-4));
        assertThat(a[400 * 300]).isZero();
    }
}
