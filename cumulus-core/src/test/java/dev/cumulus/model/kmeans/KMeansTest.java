package dev.cumulus.model.kmeans;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.SparseFeatures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class KMeansTest {
    private final KMeans kMeans = new KMeans();

    /** Gaussian blobs around k well-separated centres. */
    private static Dataset blobs(long seed, int rows, int d, int k) {
        Random random = new Random(seed);
        double[][] centres = new double[k][d];
        for (double[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = random.nextGaussian() * 10;
            }
        }
        float[] v = new float[rows * d];
        for (int r = 0; r < rows; r++) {
            double[] c = centres[random.nextInt(k)];
            for (int j = 0; j < d; j++) {
                v[r * d + j] = (float) (c[j] + random.nextGaussian());
            }
        }
        return new Dataset(new DenseFeatures(rows, d, v), new int[rows], 1);
    }

    /** Textbook Lloyd iteration in double with exact distances, for reference. */
    private static double[] lloydStep(Dataset data, double[] centroids, int k) {
        int d = data.cols();
        double[] sums = new double[k * d];
        int[] counts = new int[k];
        for (int r = 0; r < data.rows(); r++) {
            int best = bruteForceNearest(data, r, centroids, k);
            counts[best]++;
            for (int j = 0; j < d; j++) {
                sums[best * d + j] += data.features().get(r, j);
            }
        }
        double[] next = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                next[c * d + j] = counts[c] == 0 ? centroids[c * d + j] : sums[c * d + j] / counts[c];
            }
        }
        return next;
    }

    private static int bruteForceNearest(Dataset data, int r, double[] centroids, int k) {
        int d = data.cols();
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double diff = data.features().get(r, j) - centroids[c * d + j];
                s += diff * diff;
            }
            if (s < bestDistance) {
                bestDistance = s;
                best = c;
            }
        }
        return best;
    }

    @Test
    void statisticsSummedOverWorkersReproduceLloydIterations() {
        Dataset data = blobs(1, 600, 5, 4);
        int k = 4;
        float[] centroids = kMeans.initialCentroids(data, k, 42);
        double[] reference = new double[centroids.length];
        for (int i = 0; i < centroids.length; i++) {
            reference[i] = centroids[i];
        }
        int[][] workers = {range(0, 200), range(200, 450), range(450, 600)};
        for (int iteration = 0; iteration < 8; iteration++) {
            float[] summed = new float[k * (data.cols() + 1)];
            for (int[] rows : workers) {
                float[] s = kMeans.statistics(centroids, data, rows);
                for (int i = 0; i < s.length; i++) {
                    summed[i] += s[i];
                }
            }
            centroids = kMeans.centroidsFrom(summed, centroids);
            reference = lloydStep(data, reference, k);
        }
        for (int i = 0; i < centroids.length; i++) {
            assertThat((double) centroids[i]).isCloseTo(reference[i], within(1e-3));
        }
        double referenceInertia = 0;
        for (int r = 0; r < data.rows(); r++) {
            int c = bruteForceNearest(data, r, reference, k);
            for (int j = 0; j < data.cols(); j++) {
                double diff = data.features().get(r, j) - reference[c * data.cols() + j];
                referenceInertia += diff * diff;
            }
            assertThat(kMeans.assign(centroids, data, r)).isEqualTo(c);
        }
        assertThat(kMeans.inertia(centroids, data)).isCloseTo(referenceInertia, within(1e-4 * referenceInertia));
    }

    @Test
    void statisticsHoldCoordinateSumsAndCountsPerCluster() {
        Dataset data = new Dataset(new DenseFeatures(4, 2, new float[] {0, 0, 1, 1, 10, 10, 11, 12}), new int[4], 1);
        float[] centroids = {0, 0, 10, 10};
        assertThat(kMeans.statistics(centroids, data)).containsExactly(1, 1, 2, 21, 22, 2);
        assertThat(kMeans.centroidsFrom(kMeans.statistics(centroids, data), centroids)).containsExactly(0.5f, 0.5f, 10.5f, 11f);
    }

    @Test
    void anEmptyClusterKeepsItsPreviousCentroid() {
        Dataset data = new Dataset(new DenseFeatures(2, 2, new float[] {0, 0, 1, 1}), new int[2], 1);
        float[] centroids = {0, 0, 100, 100};
        float[] next = kMeans.centroidsFrom(kMeans.statistics(centroids, data), centroids);
        assertThat(next).containsExactly(0.5f, 0.5f, 100f, 100f);
    }

    @Test
    void sparseAndDenseDataClusterAlike() {
        Dataset dense = blobs(3, 300, 6, 3);
        Dataset sparse = new Dataset(toSparse((DenseFeatures) dense.features()), dense.labels(), 1);
        float[] a = kMeans.initialCentroids(dense, 3, 7);
        float[] b = kMeans.initialCentroids(sparse, 3, 7);
        assertThat(b).containsExactly(a);
        float[] sa = kMeans.statistics(a, dense);
        float[] sb = kMeans.statistics(b, sparse);
        for (int i = 0; i < sa.length; i++) {
            assertThat(sb[i]).isCloseTo(sa[i], within(1e-3f));
        }
        assertThat(kMeans.inertia(a, sparse)).isCloseTo(kMeans.inertia(a, dense), within(1e-3 * kMeans.inertia(a, dense)));
    }

    @Test
    void kMeansPlusPlusPicksDistinctDataRowsDeterministically() {
        Dataset data = blobs(4, 500, 3, 5);
        float[] c = kMeans.initialCentroids(data, 5, 11);
        assertThat(kMeans.initialCentroids(data, 5, 11)).containsExactly(c);
        for (int cluster = 0; cluster < 5; cluster++) {
            boolean isRow = false;
            for (int r = 0; r < data.rows() && !isRow; r++) {
                isRow = data.features().get(r, 0) == c[cluster * 3] && data.features().get(r, 1) == c[cluster * 3 + 1]
                        && data.features().get(r, 2) == c[cluster * 3 + 2];
            }
            assertThat(isRow).as("centroid %d is a data row", cluster).isTrue();
        }
        // With well-separated blobs, seeding by squared distance lands one centroid per blob,
        // so the seeding alone leaves far less inertia than uniformly random rows typically do.
        assertThat(kMeans.inertia(c, data)).isLessThan(3 * 500 * 3);
    }

    @Test
    void rejectsMoreClustersThanRowsAndMismatchedShapes() {
        Dataset data = blobs(5, 3, 2, 1);
        assertThatThrownBy(() -> kMeans.initialCentroids(data, 4, 1)).hasMessageContaining("k: 4 clusters");
        assertThatThrownBy(() -> kMeans.statistics(new float[3], data)).hasMessageContaining("centroids");
        assertThatThrownBy(() -> kMeans.centroidsFrom(new float[7], new float[4])).hasMessageContaining("statistics");
    }

    private static int[] range(int from, int to) {
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = from + i;
        }
        return rows;
    }

    private static SparseFeatures toSparse(DenseFeatures dense) {
        int[] start = new int[dense.rows() + 1];
        List<Integer> idx = new ArrayList<>();
        List<Float> val = new ArrayList<>();
        for (int r = 0; r < dense.rows(); r++) {
            for (int c = 0; c < dense.cols(); c++) {
                if (dense.get(r, c) != 0f) {
                    idx.add(c);
                    val.add(dense.get(r, c));
                }
            }
            start[r + 1] = idx.size();
        }
        int[] indices = idx.stream().mapToInt(Integer::intValue).toArray();
        float[] values = new float[val.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = val.get(i);
        }
        return new SparseFeatures(dense.rows(), dense.cols(), start, indices, values);
    }
}
