package dev.cumulus.data.generate;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;

/**
 * Dense binary data shaped like the UCI HIGGS set: 28 features (21 "low-level" and 7
 * "high-level"), about 53% positives, and a signal a linear model learns only partly (logistic
 * regression reaches roughly 0.70 accuracy, as on HIGGS).
 *
 * <p>Each row draws its class, then 28 Gaussians whose means shift by +-mu_j/2 with the class
 * (so the Bayes-optimal boundary before transformation is linear with Mahalanobis separation about
 * 1.2), and passes them through feature-specific monotone maps that make them look like HIGGS
 * columns: log-normal momenta (positive, right-skewed), symmetric pseudo-rapidities, uniform
 * azimuthal angles that carry no signal, and log-normal invariant masses that carry the most.
 * The task (mu, the transforms) is fixed; the seed only picks the sample, so two seeds give two
 * independent samples of the same problem.
 */
public final class HiggsLike implements Generator {
    public static final int FEATURES = 28;
    static final double POSITIVE_FRACTION = 0.53;
    private static final int LOW_LEVEL = 21;
    private static final double[] MU = means();

    @Override
    public String name() {
        return "higgs-like";
    }

    @Override
    public Dataset generate(int rows, long seed) {
        Blocks.requireRows(rows);
        Blocks.requireDenseFits(rows, FEATURES);
        float[] x = new float[rows * FEATURES];
        int[] labels = new int[rows];
        Blocks.forEach(rows, seed, (block, from, to, random) -> {
            for (int r = from; r < to; r++) {
                int y = random.nextDouble() < POSITIVE_FRACTION ? 1 : 0;
                labels[r] = y;
                double sign = y == 1 ? 0.5 : -0.5;
                int base = r * FEATURES;
                for (int j = 0; j < FEATURES; j++) {
                    double z = random.nextGaussian() + sign * MU[j];
                    x[base + j] = (float) transform(j, z, random);
                }
            }
        });
        return new Dataset(new DenseFeatures(rows, FEATURES, x), labels, 2);
    }

    private static double transform(int feature, double z, java.util.SplittableRandom random) {
        if (feature >= LOW_LEVEL) {
            return Math.exp(0.35 * z);
        }
        switch (feature % 3) {
            case 0:
                return Math.exp(0.5 * z);
            case 1:
                return 1.2 * z;
            default:
                return (random.nextDouble() * 2 - 1) * Math.PI;
        }
    }

    private static double[] means() {
        double[] mu = new double[FEATURES];
        for (int j = 0; j < LOW_LEVEL; j++) {
            mu[j] = j % 3 == 0 ? 0.25 : j % 3 == 1 ? 0.1 : 0.0;
        }
        double[] high = {0.6, 0.5, 0.4, 0.3, 0.3, 0.2, 0.2};
        System.arraycopy(high, 0, mu, LOW_LEVEL, high.length);
        return mu;
    }
}
