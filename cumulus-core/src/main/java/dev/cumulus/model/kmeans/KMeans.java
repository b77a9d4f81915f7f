package dev.cumulus.model.kmeans;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.Features;

import java.util.SplittableRandom;

/**
 * Lloyd's k-means in a form that distributes through an AllReduce: workers compute
 * {@link #statistics} over their rows, the statistics are summed element-wise, and
 * {@link #centroidsFrom} turns the sum into the next centroids.
 *
 * <p>Centroids are one flat array of k x d floats, cluster c's coordinates at c * d. Statistics
 * are k blocks of d + 1 floats: cluster c's coordinate sums at c * (d + 1) and its row count
 * at c * (d + 1) + d. Counts are floats so the whole vector sums as one; they are exact up to
 * 2^24 rows per cluster. Stateless and thread-safe.
 */
public final class KMeans {

    /**
     * k-means++ seeding: the first centroid is a uniformly random row, each next one a row drawn
     * with probability proportional to its squared distance to the nearest centroid chosen so far.
     * Deterministic in the seed.
     */
    public float[] initialCentroids(Dataset data, int k, long seed) {
        int n = data.rows();
        int d = data.cols();
        if (k < 1) {
            throw new IllegalArgumentException("k: expected a positive number of clusters, got " + k);
        }
        if (n < k) {
            throw new IllegalArgumentException("k: " + k + " clusters need at least " + k + " rows, the data has " + n);
        }
        Features x = data.features();
        SplittableRandom random = new SplittableRandom(seed);
        float[] centroids = new float[k * d];
        double[] nearest = new double[n];
        double[] squaredNorms = squaredNorms(x);
        x.addScaled(random.nextInt(n), 1f, centroids, 0);
        for (int r = 0; r < n; r++) {
            nearest[r] = squaredDistance(x, r, squaredNorms[r], centroids, 0, d, squaredNorm(centroids, 0, d));
        }
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double v : nearest) {
                total += v;
            }
            int chosen;
            if (total <= 0) {
                // Every row coincides with a chosen centroid: fall back to a uniform pick.
                chosen = random.nextInt(n);
            } else {
                double target = random.nextDouble() * total;
                chosen = n - 1;
                double cumulative = 0;
                for (int r = 0; r < n; r++) {
                    cumulative += nearest[r];
                    if (cumulative > target) {
                        chosen = r;
                        break;
                    }
                }
            }
            x.addScaled(chosen, 1f, centroids, c * d);
            double centroidNorm = squaredNorm(centroids, c * d, d);
            for (int r = 0; r < n; r++) {
                nearest[r] = Math.min(nearest[r], squaredDistance(x, r, squaredNorms[r], centroids, c * d, d, centroidNorm));
            }
        }
        return centroids;
    }

    /** Per-cluster coordinate sums and counts of the given rows under the given centroids. */
    public float[] statistics(float[] centroids, Dataset data, int[] rows) {
        int d = data.cols();
        int k = clusters(centroids, d);
        float[] centroidNorms = centroidNorms(centroids, k, d);
        float[] stats = new float[k * (d + 1)];
        Features x = data.features();
        for (int r : rows) {
            int c = nearest(x, r, centroids, centroidNorms, k, d);
            x.addScaled(r, 1f, stats, c * (d + 1));
            stats[c * (d + 1) + d] += 1f;
        }
        return stats;
    }

    /** The statistics of every row of {@code data}. */
    public float[] statistics(float[] centroids, Dataset data) {
        int[] rows = new int[data.rows()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return statistics(centroids, data, rows);
    }

    /** New centroids: each cluster's mean; a cluster with no rows keeps its previous centroid. */
    public float[] centroidsFrom(float[] summedStatistics, float[] previousCentroids) {
        int k = summedStatistics.length - previousCentroids.length;
        if (k < 1 || previousCentroids.length % k != 0) {
            throw new IllegalArgumentException("statistics of length " + summedStatistics.length
                    + " do not match centroids of length " + previousCentroids.length + ": expected k * (d + 1) and k * d");
        }
        int d = previousCentroids.length / k;
        float[] next = new float[k * d];
        for (int c = 0; c < k; c++) {
            int s = c * (d + 1);
            float count = summedStatistics[s + d];
            if (count <= 0f) {
                System.arraycopy(previousCentroids, c * d, next, c * d, d);
            } else {
                for (int j = 0; j < d; j++) {
                    next[c * d + j] = summedStatistics[s + j] / count;
                }
            }
        }
        return next;
    }

    /** Sum over rows of the squared distance to the nearest centroid. */
    public double inertia(float[] centroids, Dataset data) {
        int d = data.cols();
        int k = clusters(centroids, d);
        Features x = data.features();
        double[] squaredNorms = squaredNorms(x);
        double[] centroidNorms = new double[k];
        for (int c = 0; c < k; c++) {
            centroidNorms[c] = squaredNorm(centroids, c * d, d);
        }
        double total = 0;
        for (int r = 0; r < data.rows(); r++) {
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                best = Math.min(best, squaredDistance(x, r, squaredNorms[r], centroids, c * d, d, centroidNorms[c]));
            }
            total += best;
        }
        return total;
    }

    /** Index of the centroid nearest to {@code row} (the lowest index on ties). */
    public int assign(float[] centroids, Dataset data, int row) {
        int d = data.cols();
        int k = clusters(centroids, d);
        return nearest(data.features(), row, centroids, centroidNorms(centroids, k, d), k, d);
    }

    private static int clusters(float[] centroids, int d) {
        if (centroids.length == 0 || centroids.length % d != 0) {
            throw new IllegalArgumentException("centroids: length " + centroids.length
                    + " is not a positive multiple of the data's " + d + " columns");
        }
        return centroids.length / d;
    }

    private static float[] centroidNorms(float[] centroids, int k, int d) {
        float[] norms = new float[k];
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += (double) centroids[c * d + j] * centroids[c * d + j];
            }
            norms[c] = (float) s;
        }
        return norms;
    }

    /** argmin over c of ||c||^2 - 2 x . c, which orders clusters as ||x - c||^2 does. */
    private static int nearest(Features x, int row, float[] centroids, float[] centroidNorms, int k, int d) {
        int best = 0;
        float bestValue = Float.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            float v = centroidNorms[c] - 2f * x.dot(row, centroids, c * d);
            if (v < bestValue) {
                bestValue = v;
                best = c;
            }
        }
        return best;
    }

    /** ||x_row - centroid||^2, exact differences for dense rows, expanded form for sparse ones. */
    private static double squaredDistance(Features x, int row, double rowNorm, float[] centroids, int offset, int d,
                                          double centroidNorm) {
        if (x instanceof DenseFeatures dense) {
            float[] v = dense.values();
            int base = row * d;
            double s = 0;
            for (int j = 0; j < d; j++) {
                double diff = v[base + j] - centroids[offset + j];
                s += diff * diff;
            }
            return s;
        }
        return Math.max(0, rowNorm - 2.0 * x.dot(row, centroids, offset) + centroidNorm);
    }

    private static double squaredNorm(float[] v, int offset, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            s += (double) v[offset + j] * v[offset + j];
        }
        return s;
    }

    /** Squared norm of every row, through the row kernels so sparse rows cost O(non-zeros). */
    private static double[] squaredNorms(Features x) {
        double[] norms = new double[x.rows()];
        float[] scratch = new float[x.cols()];
        for (int r = 0; r < x.rows(); r++) {
            x.addScaled(r, 1f, scratch, 0);
            norms[r] = x.dot(r, scratch, 0);
            // x - x is exactly zero in floating point, so the scratch is clean again.
            x.addScaled(r, -1f, scratch, 0);
        }
        return norms;
    }
}
