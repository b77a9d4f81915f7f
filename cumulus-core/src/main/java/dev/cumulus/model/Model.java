package dev.cumulus.model;

import dev.cumulus.data.Dataset;

/**
 * A differentiable model whose parameters live in one flat float vector.
 *
 * <p>The flat layout is what travels through channels: workers exchange gradients and models as
 * plain float arrays, so the engine never needs to know a model's shape. Implementations are
 * stateless and thread-safe; all state is in the parameter vector.
 */
public interface Model {

    /** Length of the parameter vector. */
    int parameterCount();

    /** Fresh parameters, deterministic in the seed. */
    float[] initialParameters(long seed);

    /**
     * Writes into {@code gradient} (overwriting it) the gradient of the objective over the given
     * rows: the mean per-example loss plus (l2 / 2) * ||w||^2, and returns that objective.
     */
    double lossAndGradient(float[] parameters, Dataset data, int[] rows, float[] gradient);

    /** The objective (mean loss plus the L2 term) over every row of {@code data}. */
    double loss(float[] parameters, Dataset data);

    /** Predicted class index of one row. */
    int predict(float[] parameters, Dataset data, int row);

    /**
     * Per-class scores of one row, written into {@code out} (one per class): class probabilities
     * where the model is probabilistic ({@link #probabilistic()}), otherwise its decision values.
     */
    void scores(float[] parameters, Dataset data, int row, double[] out);

    /** Whether {@link #scores} are class probabilities (they sum to 1). */
    default boolean probabilistic() {
        return true;
    }

    /** Softmax of {@code logits} into {@code out}, shifted by the maximum so large logits cannot overflow. */
    static void softmax(double[] logits, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int k = 0; k < logits.length; k++) {
            out[k] = Math.exp(logits[k] - max);
            sum += out[k];
        }
        for (int k = 0; k < logits.length; k++) {
            out[k] /= sum;
        }
    }

    /**
     * {@link #loss} and {@link #accuracy} together; a model whose two share their work (one forward
     * pass per row) overrides this to do it once.
     */
    default Evaluation evaluate(float[] parameters, Dataset data) {
        return new Evaluation(loss(parameters, data), accuracy(parameters, data));
    }

    /**
     * {@link #evaluate} of the rows {@code [from, to)} of {@code data}: what a caller that splits a
     * set across cores asks for. This default evaluates a copy of the rows; the linear models read
     * them in place (a copy of 1M rows x 28 features is 112 MB written only to be read once).
     */
    default Evaluation evaluate(float[] parameters, Dataset data, int from, int to) {
        Arguments.checkRange(from, to, data);
        return evaluate(parameters, from == 0 && to == data.rows() ? data : data.slice(from, to));
    }

    /** Fraction of rows whose predicted class equals the label. */
    default double accuracy(float[] parameters, Dataset data) {
        if (data.rows() == 0) {
            return Double.NaN;
        }
        int correct = 0;
        for (int r = 0; r < data.rows(); r++) {
            if (predict(parameters, data, r) == data.labels()[r]) {
                correct++;
            }
        }
        return (double) correct / data.rows();
    }
}
