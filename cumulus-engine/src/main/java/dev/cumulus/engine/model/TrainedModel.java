package dev.cumulus.engine.model;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.Scaling;
import dev.cumulus.model.Evaluation;
import dev.cumulus.model.Model;
import dev.cumulus.model.ModelSpec;
import dev.cumulus.model.Models;
import dev.cumulus.model.kmeans.KMeans;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A trained model as a user holds it: what it is (type and shape) and its parameters. It
 * evaluates and predicts on any dataset of the shape it was trained for.
 *
 * @param features columns the model reads
 * @param classes classes it predicts (k-means: the data's classes, which clustering ignores)
 * @param scaling the feature scaling fitted at training, applied to every dataset before the
 *     parameters see it; null when the model reads features as they are
 * @param labels how the labels of the training files map to the class indices it predicts (null:
 *     the class indices are the labels)
 */
public record TrainedModel(ModelSpec spec, int features, int classes, float[] parameters, Scaling scaling,
        LabelMap labels) {

    /** Rows per evaluation task (see {@link #evaluate}). */
    private static final int EVALUATION_SLICE = 8192;

    public TrainedModel {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(parameters, "parameters");
        int expected = expectedParameters(spec, features, classes);
        if (scaling != null && scaling.offsets().length != features) {
            throw new IllegalArgumentException("the scaling has " + scaling.offsets().length + " features, the model "
                    + features);
        }
        if (parameters.length != expected) {
            throw new IllegalArgumentException("a " + spec.type() + " model of " + features + " features and "
                    + classes + " classes has " + expected + " parameters, got " + parameters.length);
        }
    }

    public boolean clusters() {
        return spec.type().equals("kmeans");
    }

    /** How many values a prediction of one row gives after its class (probabilities, scores or distance). */
    public int scoreCount() {
        return clusters() ? 1 : classes;
    }

    /**
     * The metrics of this model on {@code data}, each name prefixed (such as {@code test}): loss
     * and accuracy for classifiers, mean inertia for k-means. The driver reports these for the
     * training and test sets; {@code cumulus evaluate} computes the same on any data.
     */
    public Map<String, Double> metrics(String prefix, Dataset raw) {
        checkShape(raw);
        return metricsOfScaled(prefix, scaled(raw));
    }

    /**
     * {@link #metrics} of data already {@link #scaled} as at training, such as the sets the driver
     * scaled in place for the functions: the same values, without scaling another copy of the set
     * (112 MB and a pass over it for 1M rows x 28 features).
     */
    public Map<String, Double> metricsOfScaled(String prefix, Dataset data) {
        checkShape(data);
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (clusters()) {
            metrics.put(prefix + "Inertia", new KMeans().inertia(parameters, data) / data.rows());
            return metrics;
        }
        Evaluation evaluation = evaluate(gradientModel(), data);
        metrics.put(prefix + "Loss", evaluation.loss());
        metrics.put(prefix + "Accuracy", evaluation.accuracy());
        return metrics;
    }

    /**
     * The evaluation of every row, a slice of {@link #EVALUATION_SLICE} rows per task on every
     * core: after training the driver evaluates the whole training and test sets, which for an MLP
     * took longer than the training itself on one core. The slices do not depend on the number of
     * cores, so neither do the metrics. Both the loss (mean plus the L2 term) and the accuracy are
     * means over rows, so their row-weighted mean over the slices is the whole set's.
     */
    private Evaluation evaluate(Model model, Dataset data) {
        int n = data.rows();
        if (n <= EVALUATION_SLICE) {
            return model.evaluate(parameters, data);
        }
        int slices = (n + EVALUATION_SLICE - 1) / EVALUATION_SLICE;
        List<Evaluation> parts = IntStream.range(0, slices).parallel()
                .mapToObj(i -> model.evaluate(parameters, data, i * EVALUATION_SLICE,
                        Math.min(n, (i + 1) * EVALUATION_SLICE)))
                .toList();
        double loss = 0;
        double accuracy = 0;
        for (int i = 0; i < slices; i++) {
            double rows = Math.min(n, (i + 1) * EVALUATION_SLICE) - i * EVALUATION_SLICE;
            loss += parts.get(i).loss() * rows;
            accuracy += parts.get(i).accuracy() * rows;
        }
        return new Evaluation(loss / n, accuracy / n);
    }

    /** The label a user knows for a predicted class index (the index itself for k-means clusters). */
    public int label(int classIndex) {
        return labels == null || clusters() ? classIndex : labels.rawOf(classIndex);
    }

    /** {@code data} as the parameters see it: scaled as at training. */
    public Dataset scaled(Dataset data) {
        return scaling == null ? data : scaling.apply(data);
    }

    /**
     * The predicted class (k-means: cluster) of one row of data already {@link #scaled}, and its
     * scores written into {@code scores}.
     */
    public int predict(Dataset data, int row, double[] scores) {
        if (clusters()) {
            KMeans kmeans = new KMeans();
            int cluster = kmeans.assign(parameters, data, row);
            scores[0] = squaredDistance(data, row, cluster);
            return cluster;
        }
        Model model = gradientModel();
        model.scores(parameters, data, row, scores);
        return model.predict(parameters, data, row);
    }

    /** Whether the scores of {@link #predict} are class probabilities. */
    public boolean probabilistic() {
        return !clusters() && gradientModel().probabilistic();
    }

    /** The data must have the columns the model was trained on. */
    public void checkShape(Dataset data) {
        if (data.cols() != features) {
            throw new IllegalArgumentException("the data has " + data.cols() + " features but the model was trained on "
                    + features);
        }
        if (data.rows() == 0) {
            throw new IllegalArgumentException("the data has no rows");
        }
    }

    private Model gradientModel() {
        return Models.create(spec, features, classes);
    }

    private double squaredDistance(Dataset data, int row, int cluster) {
        float[] point = new float[features];
        data.features().addScaled(row, 1f, point, 0);
        double sum = 0;
        for (int j = 0; j < features; j++) {
            double d = point[j] - parameters[cluster * features + j];
            sum += d * d;
        }
        return sum;
    }

    private static int expectedParameters(ModelSpec spec, int features, int classes) {
        if (spec.type().equals("kmeans")) {
            return spec.k() * features;
        }
        return Models.create(spec, features, classes).parameterCount();
    }
}
