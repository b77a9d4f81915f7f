package dev.cumulus.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScalingTest {

    /** Rows x cols values: column j has mean 1000 j and spread j + 1, so centring and scaling both matter. */
    private static Dataset data(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                v[r * cols + j] = (float) (1000.0 * j + (j + 1) * random.nextGaussian());
            }
        }
        return new Dataset(new DenseFeatures(rows, cols, v), new int[rows], 2);
    }

    /** The one-thread Welford pass over rows then columns that fit ran before it used every core. */
    private static Scaling oneThreadFit(Dataset train) {
        int d = train.cols();
        int n = train.rows();
        float[] v = ((DenseFeatures) train.features()).values();
        double[] mean = new double[d];
        double[] m2 = new double[d];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                double value = v[r * d + j];
                double delta = value - mean[j];
                mean[j] += delta / (r + 1);
                m2[j] += delta * (value - mean[j]);
            }
        }
        float[] offsets = new float[d];
        float[] scales = new float[d];
        for (int j = 0; j < d; j++) {
            double std = n > 1 ? Math.sqrt(m2[j] / n) : 0;
            offsets[j] = (float) mean[j];
            scales[j] = std > 1e-12 ? (float) (1 / std) : 1f;
        }
        return new Scaling(offsets, scales);
    }

    @Test
    void aFitOnEveryCoreEqualsTheOneThreadPassToTheBit() {
        // Above and below the size at which the columns are split between the cores; 28 columns as
        // HIGGS, 5 as an odd split, 1 as fewer columns than cores.
        for (int[] shape : new int[][] {{20_000, 28}, {100_000, 5}, {300_000, 1}, {37, 28}}) {
            Dataset train = data(shape[0], shape[1], shape[0] + shape[1]);
            assertThat(Scaling.fit(train)).as("%d x %d", shape[0], shape[1]).isEqualTo(oneThreadFit(train));
        }
    }

    @Test
    void aFitStandardisesEachColumnToTheTwoPassMeanAndStandardDeviation() {
        Dataset train = data(50_000, 7, 11);
        float[] v = ((DenseFeatures) train.features()).values();
        Scaling scaling = Scaling.fit(train);
        for (int j = 0; j < 7; j++) {
            double sum = 0;
            for (int r = 0; r < 50_000; r++) {
                sum += v[r * 7 + j];
            }
            double mean = sum / 50_000;
            double squares = 0;
            for (int r = 0; r < 50_000; r++) {
                squares += (v[r * 7 + j] - mean) * (v[r * 7 + j] - mean);
            }
            double std = Math.sqrt(squares / 50_000);
            assertThat((double) scaling.offsets()[j]).as("mean of column %d", j).isCloseTo(mean, within(1e-4 * (j + 1)));
            assertThat((double) scaling.scales()[j]).as("1 / std of column %d", j)
                    .isCloseTo(1 / std, within(1e-5 / std));
        }
    }

    @Test
    void applyMapsEveryValueAsOneLoopWouldAndLeavesItsInputAlone() {
        for (int[] shape : new int[][] {{70_001, 28}, {3, 9}}) {
            Dataset data = data(shape[0], shape[1], 5);
            float[] before = ((DenseFeatures) data.features()).values().clone();
            Scaling scaling = Scaling.fit(data(1000, shape[1], 6));
            float[] mapped = ((DenseFeatures) scaling.apply(data).features()).values();
            int d = shape[1];
            for (int i = 0; i < before.length; i++) {
                assertThat(mapped[i]).as("value %d", i)
                        .isEqualTo((before[i] - scaling.offsets()[i % d]) * scaling.scales()[i % d]);
            }
            assertThat(((DenseFeatures) data.features()).values()).isEqualTo(before);
        }
    }

    @Test
    void applyInPlaceGivesTheCopysValuesToTheBitDenseAndSparse() {
        Dataset dense = data(70_001, 28, 7);
        Scaling scaling = Scaling.fit(data(1000, 28, 8));
        float[] copied = ((DenseFeatures) scaling.apply(dense).features()).values();
        scaling.applyInPlace(dense);
        assertThat(((DenseFeatures) dense.features()).values()).isEqualTo(copied);

        // Sparse: scaled only, the implicit zeros stay zero.
        SparseFeatures x = new SparseFeatures(3, 4, new int[] {0, 2, 3, 5}, new int[] {0, 3, 1, 0, 2},
                new float[] {2f, -4f, 1f, 6f, 8f});
        Dataset sparse = new Dataset(x, new int[] {0, 1, 0}, 2);
        Scaling maxAbs = Scaling.fit(sparse);
        float[] sparseCopied = ((SparseFeatures) maxAbs.apply(sparse).features()).values();
        assertThat(x.values()).containsExactly(2f, -4f, 1f, 6f, 8f);
        maxAbs.applyInPlace(sparse);
        assertThat(x.values()).isEqualTo(sparseCopied).containsExactly(2f / 6, -1f, 1f, 1f, 1f);
    }
}
