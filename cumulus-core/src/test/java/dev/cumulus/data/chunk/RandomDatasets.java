package dev.cumulus.data.chunk;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.SparseFeatures;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik arbitraries for small random dense and sparse datasets (including empty ones). */
final class RandomDatasets {
    private RandomDatasets() {
    }

    static Arbitrary<Dataset> datasets() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 40),
                        Arbitraries.integers().between(0, 30),
                        Arbitraries.integers().between(1, 7),
                        Arbitraries.of(true, false),
                        Arbitraries.longs())
                .as(RandomDatasets::make);
    }

    static Dataset make(int rows, int cols, int classes, boolean sparse, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] labels = random.ints(rows, 0, classes).toArray();
        if (!sparse) {
            float[] values = new float[rows * cols];
            for (int i = 0; i < values.length; i++) {
                values[i] = randomFloat(random);
            }
            return new Dataset(new DenseFeatures(rows, cols, values), labels, classes);
        }
        int[] rowStart = new int[rows + 1];
        int[] idx = new int[rows * cols];
        float[] val = new float[rows * cols];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (random.nextInt(4) == 0) {
                    idx[n] = c;
                    val[n++] = randomFloat(random);
                }
            }
            rowStart[r + 1] = n;
        }
        return new Dataset(new SparseFeatures(rows, cols, rowStart, java.util.Arrays.copyOf(idx, n),
                java.util.Arrays.copyOf(val, n)), labels, classes);
    }

    /** Mostly ordinary values, sometimes the bit patterns that trip codecs: -0, subnormal, extremes. */
    private static float randomFloat(SplittableRandom random) {
        switch (random.nextInt(10)) {
            case 0:
                return -0.0f;
            case 1:
                return Float.MIN_VALUE;
            case 2:
                return random.nextBoolean() ? Float.MAX_VALUE : -Float.MAX_VALUE;
            default:
                return (float) random.nextGaussian() * 100;
        }
    }
}
