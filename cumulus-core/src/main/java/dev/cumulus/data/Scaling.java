package dev.cumulus.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A per-feature affine map x' = (x - offset) * scale, fitted on training data and applied to every
 * dataset the model sees (training, test, and whatever it predicts later), so that features on
 * very different scales do not slow gradient descent to a crawl.
 *
 * <p>Dense data is standardised (offset the mean, scale 1 / standard deviation); sparse data is
 * only scaled (by 1 / the largest absolute value), since centring would fill it in. A constant
 * feature keeps scale 1.
 */
public record Scaling(float[] offsets, float[] scales) {

    public Scaling {
        Objects.requireNonNull(offsets, "offsets");
        Objects.requireNonNull(scales, "scales");
        if (offsets.length != scales.length) {
            throw new IllegalArgumentException("offsets and scales differ in length: " + offsets.length + " and "
                    + scales.length);
        }
        offsets = offsets.clone();
        scales = scales.clone();
    }

    /** The scaling fitted on {@code train}: standardisation when dense, max-abs scaling when sparse. */
    public static Scaling fit(Dataset train) {
        int d = train.cols();
        float[] offsets = new float[d];
        float[] scales = new float[d];
        Features x = train.features();
        if (x instanceof SparseFeatures sparse) {
            double[] maxAbs = new double[d];
            for (int i = 0; i < sparse.values().length; i++) {
                int j = sparse.indices()[i];
                maxAbs[j] = Math.max(maxAbs[j], Math.abs(sparse.values()[i]));
            }
            for (int j = 0; j < d; j++) {
                scales[j] = maxAbs[j] > 0 ? (float) (1 / maxAbs[j]) : 1f;
            }
            return new Scaling(offsets, scales);
        }
        float[] v = ((DenseFeatures) x).values();
        int n = train.rows();
        double[] mean = new double[d];
        double[] m2 = new double[d];
        for (int r = 0; r < n; r++) {
            // Welford's update: one pass, stable when the mean is large against the spread.
            for (int j = 0; j < d; j++) {
                double value = v[r * d + j];
                double delta = value - mean[j];
                mean[j] += delta / (r + 1);
                m2[j] += delta * (value - mean[j]);
            }
        }
        for (int j = 0; j < d; j++) {
            double std = n > 1 ? Math.sqrt(m2[j] / n) : 0;
            offsets[j] = (float) mean[j];
            scales[j] = std > 1e-12 ? (float) (1 / std) : 1f;
        }
        return new Scaling(offsets, scales);
    }

    /** {@code data} with every feature mapped; labels and classes unchanged. */
    public Dataset apply(Dataset data) {
        int d = offsets.length;
        if (data.cols() != d) {
            throw new IllegalArgumentException("the data has " + data.cols() + " features but the scaling was fitted on " + d);
        }
        Features x = data.features();
        if (x instanceof SparseFeatures sparse) {
            for (float offset : offsets) {
                if (offset != 0) {
                    throw new IllegalArgumentException("the model centres its features (it was trained on dense data), "
                            + "so sparse data would lose its implicit zeros' shift; read the data densely");
                }
            }
            float[] values = sparse.values().clone();
            for (int i = 0; i < values.length; i++) {
                int j = sparse.indices()[i];
                values[i] = (values[i] - offsets[j]) * scales[j];
            }
            return new Dataset(new SparseFeatures(sparse.rows(), d, sparse.rowStart(), sparse.indices(), values),
                    data.labels(), data.numClasses());
        }
        float[] values = ((DenseFeatures) x).values().clone();
        for (int i = 0; i < values.length; i++) {
            int j = i % d;
            values[i] = (values[i] - offsets[j]) * scales[j];
        }
        return new Dataset(new DenseFeatures(data.rows(), d, values), data.labels(), data.numClasses());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scaling s && Arrays.equals(offsets, s.offsets) && Arrays.equals(scales, s.scales);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(offsets) + Arrays.hashCode(scales);
    }

    @Override
    public String toString() {
        return "Scaling[" + offsets.length + " features]";
    }
}
