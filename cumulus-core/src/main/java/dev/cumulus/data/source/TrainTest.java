package dev.cumulus.data.source;

import dev.cumulus.data.Dataset;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A training set and a test set with the same columns and classes.
 *
 * @param train the data to train on
 * @param test held-out data for evaluation (may have zero rows when testFraction is 0)
 */
public record TrainTest(Dataset train, Dataset test) {

    public TrainTest {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (train.cols() != test.cols()) {
            throw new IllegalArgumentException("train has " + train.cols() + " features but test has " + test.cols());
        }
        if (train.numClasses() != test.numClasses()) {
            throw new IllegalArgumentException("train has " + train.numClasses() + " classes but test has "
                    + test.numClasses());
        }
    }

    /**
     * Splits {@code data} at random: a permutation fixed by {@code seed} is cut so the test set has
     * {@code round(rows * testFraction)} rows; both sets keep the permuted (shuffled) order.
     */
    public static TrainTest randomSplit(Dataset data, double testFraction, long seed) {
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in [0, 1), got " + testFraction);
        }
        int rows = data.rows();
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        // Decorrelated from generators that use the same seed for their rows.
        SplittableRandom random = new SplittableRandom(seed ^ 0x7E57_5EED_5B11_7L);
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int testRows = (int) Math.round(rows * testFraction);
        int[] test = java.util.Arrays.copyOfRange(order, 0, testRows);
        int[] train = java.util.Arrays.copyOfRange(order, testRows, rows);
        return new TrainTest(data.select(train), data.select(test));
    }
}
