package dev.cumulus.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Newton reference against optima known in closed form: with every feature zero only the
 * biases matter, and the best model predicts the class frequencies, so the minimum is their
 * entropy (whatever the L2 strength, which touches weights only).
 */
class NewtonOptimumTest {

    @ParameterizedTest(name = "{0} with {1} classes, l2 {2}")
    @CsvSource({"logistic, 2, 0", "logistic, 2, 0.5", "softmax, 3, 0", "softmax, 4, 0.1"})
    void reachesTheEntropyOfTheClassFrequenciesWhenFeaturesCarryNothing(String model, int classes, double l2) {
        int rows = 600;
        int[] labels = new int[rows];
        int[] counts = new int[classes];
        for (int r = 0; r < rows; r++) {
            // Uneven frequencies 1 : 2 : 3 ..., so the optimal biases are not zero.
            int slot = r % (classes * (classes + 1) / 2);
            int c = 0;
            while ((c + 1) * (c + 2) / 2 <= slot) {
                c++;
            }
            labels[r] = c;
            counts[labels[r]]++;
        }
        Dataset data = new Dataset(new DenseFeatures(rows, 3, new float[rows * 3]), labels, classes);
        double entropy = 0;
        for (int count : counts) {
            double p = (double) count / rows;
            entropy -= p * Math.log(p);
        }
        assertThat(NewtonOptimum.of(data, model, l2)).isCloseTo(entropy, within(1e-10));
    }
}
