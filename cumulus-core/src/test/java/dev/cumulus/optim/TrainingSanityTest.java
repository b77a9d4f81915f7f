package dev.cumulus.optim;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.model.Model;
import dev.cumulus.model.ModelSpec;
import dev.cumulus.model.Models;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Mini-batch training of each model with each optimiser on small problems it can solve. */
class TrainingSanityTest {

    /** Labels from a random hyperplane: linearly separable by construction. */
    private static Dataset separable(long seed, int rows, int d) {
        Random random = new Random(seed);
        double[] normal = new double[d];
        for (int j = 0; j < d; j++) {
            normal[j] = random.nextGaussian();
        }
        float[] v = new float[rows * d];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0.3;
            for (int j = 0; j < d; j++) {
                v[r * d + j] = (float) random.nextGaussian();
                s += v[r * d + j] * normal[j];
            }
            labels[r] = s > 0 ? 1 : 0;
        }
        return new Dataset(new DenseFeatures(rows, d, v), labels, 2);
    }

    /** Four classes by the quadrant of the first two features: XOR-like, not linearly separable in pairs. */
    private static Dataset quadrants(long seed, int rows) {
        Random random = new Random(seed);
        float[] v = new float[rows * 2];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            v[2 * r] = (float) (random.nextDouble() * 2 - 1);
            v[2 * r + 1] = (float) (random.nextDouble() * 2 - 1);
            labels[r] = (v[2 * r] > 0) == (v[2 * r + 1] > 0) ? 0 : 1;
        }
        return new Dataset(new DenseFeatures(rows, 2, v), labels, 2);
    }

    private static double train(Model model, Optimizer optimizer, Dataset data, int epochs, int batch) {
        float[] p = model.initialParameters(1);
        float[] g = new float[p.length];
        Random random = new Random(2);
        int[] order = new int[data.rows()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int from = 0; from < order.length; from += batch) {
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + batch));
                model.lossAndGradient(p, data, rows, g);
                optimizer.step(p, g);
            }
        }
        return model.accuracy(p, data);
    }

    @Test
    void sgdAndAdamSeparateALinearlySeparableProblem() {
        Dataset data = separable(1, 2000, 10);
        for (String type : List.of("logistic", "svm")) {
            Model model = Models.create(ModelSpec.of(type), 10, 2);
            assertThat(train(model, Optimizers.create(OptimizerSpec.sgd(0.5), model.parameterCount()), data, 10, 32))
                    .as(type + " with SGD").isGreaterThan(0.97);
            assertThat(train(model, Optimizers.create(OptimizerSpec.adam(0.01), model.parameterCount()), data, 10, 32))
                    .as(type + " with Adam").isGreaterThan(0.97);
        }
        Model softmax = Models.create(ModelSpec.of("softmax"), 10, 2);
        assertThat(train(softmax, Optimizers.create(OptimizerSpec.momentum(0.1, 0.9), softmax.parameterCount()), data, 10, 32))
                .isGreaterThan(0.97);
    }

    @Test
    void mlpLearnsXorThatLinearModelsCannot() {
        Dataset data = quadrants(3, 2000);
        Model mlp = Models.create(ModelSpec.mlp(List.of(16), 0), 2, 2);
        Model linear = Models.create(ModelSpec.of("logistic"), 2, 2);
        assertThat(train(mlp, Optimizers.create(OptimizerSpec.adam(0.01), mlp.parameterCount()), data, 30, 32))
                .isGreaterThan(0.95);
        assertThat(train(linear, Optimizers.create(OptimizerSpec.adam(0.01), linear.parameterCount()), data, 30, 32))
                .isLessThan(0.75);
    }
}
