package dev.cumulus.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.model.Model;
import dev.cumulus.model.ModelSpec;
import dev.cumulus.model.Models;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrainedModelMetricsTest {

    /**
     * The metrics are evaluated in slices on every core; they must equal the one-pass loss and a
     * row-by-row count of right predictions (the interface's own accuracy, not the model's override).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 8192, 20_001})
    void slicedMetricsEqualTheWholeSetsLossAndRowByRowAccuracy(int rows) {
        int features = 12;
        int classes = 4;
        Random random = new Random(rows);
        float[] x = new float[rows * features];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(classes);
            for (int c = 0; c < features; c++) {
                x[r * features + c] = (float) random.nextGaussian() + (c == labels[r] ? 1.5f : 0f);
            }
        }
        Dataset data = new Dataset(new DenseFeatures(rows, features, x), labels, classes);
        for (ModelSpec spec : List.of(ModelSpec.mlp(List.of(16), 1e-3), ModelSpec.of("softmax"))) {
            Model model = Models.create(spec, features, classes);
            float[] parameters = model.initialParameters(7);
            TrainedModel trained = new TrainedModel(spec, features, classes, parameters, null, null);
            Map<String, Double> metrics = trained.metrics("test", data);
            int right = 0;
            for (int r = 0; r < rows; r++) {
                right += model.predict(parameters, data, r) == labels[r] ? 1 : 0;
            }
            assertThat(metrics.get("testLoss")).as(spec.type()).isCloseTo(model.loss(parameters, data), within(1e-6));
            assertThat(metrics.get("testAccuracy")).as(spec.type()).isCloseTo((double) right / rows, within(1e-12));
        }
    }

    @org.junit.jupiter.api.Test
    void metricsOfDataScaledAtTrainingAreTheSameBitsAsMetricsOfTheRawData() {
        int rows = 10_000;
        int features = 7;
        Random random = new Random(3);
        float[] x = new float[rows * features];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(2);
            for (int c = 0; c < features; c++) {
                x[r * features + c] = (float) (random.nextGaussian() * (c + 1) + 10 * c + labels[r]);
            }
        }
        Dataset raw = new Dataset(new DenseFeatures(rows, features, x), labels, 2);
        dev.cumulus.data.Scaling scaling = dev.cumulus.data.Scaling.fit(raw);
        ModelSpec spec = ModelSpec.of("logistic");
        float[] parameters = Models.create(spec, features, 2).initialParameters(5);
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] += (float) random.nextGaussian();
        }
        TrainedModel trained = new TrainedModel(spec, features, 2, parameters, scaling, null);
        Map<String, Double> ofRaw = trained.metrics("train", raw);
        Map<String, Double> ofScaled = trained.metricsOfScaled("train", scaling.apply(raw));
        assertThat(ofScaled).isEqualTo(ofRaw);
        // Not the metrics of the raw values read as if scaled: the scaling matters on this data.
        assertThat(trained.metricsOfScaled("train", raw)).isNotEqualTo(ofRaw);
    }
}
