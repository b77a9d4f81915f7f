package dev.cumulus.data.generate;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import java.util.SplittableRandom;

/**
 * Isotropic Gaussian clusters for k-means: k centres drawn uniformly in [-10, 10]^dims, each row
 * drawn from a uniformly chosen centre with standard deviation {@code clusterStd}; the label is
 * the true cluster (so numClasses = k). Centres depend on the seed.
 *
 * @param k number of clusters
 * @param dims number of features
 * @param clusterStd standard deviation of every coordinate around its centre
 */
public record Blobs(int k, int dims, double clusterStd) implements Generator {
    static final double CENTRE_BOX = 10.0;

    public Blobs {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (dims < 1) {
            throw new IllegalArgumentException("dims must be at least 1, got " + dims);
        }
        if (!(clusterStd >= 0) || Double.isInfinite(clusterStd)) {
            throw new IllegalArgumentException("clusterStd must be finite and at least 0, got " + clusterStd);
        }
    }

    @Override
    public String name() {
        return "blobs";
    }

    /** The cluster centres for a seed, row-major k x dims. */
    public double[] centres(long seed) {
        SplittableRandom random = Blocks.stream(seed, -1);
        double[] c = new double[k * dims];
        for (int i = 0; i < c.length; i++) {
            c[i] = (random.nextDouble() * 2 - 1) * CENTRE_BOX;
        }
        return c;
    }

    @Override
    public Dataset generate(int rows, long seed) {
        Blocks.requireRows(rows);
        Blocks.requireDenseFits(rows, dims);
        double[] centres = centres(seed);
        float[] x = new float[rows * dims];
        int[] labels = new int[rows];
        Blocks.forEach(rows, seed, (block, from, to, random) -> {
            for (int r = from; r < to; r++) {
                int c = random.nextInt(k);
                labels[r] = c;
                for (int j = 0; j < dims; j++) {
                    x[r * dims + j] = (float) (centres[c * dims + j] + clusterStd * random.nextGaussian());
                }
            }
        });
        return new Dataset(new DenseFeatures(rows, dims, x), labels, k);
    }
}
