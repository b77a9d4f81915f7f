package dev.cumulus.model;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.Features;

/**
 * A linear binary classifier: score z = w . x + b, parameters [w (features values), b], labels
 * 0/1. Subclasses supply only the per-example loss and its derivative in z.
 *
 * <p>L2 regularisation covers the weights w only; the bias is not regularised.
 */
abstract class BinaryLinearModel implements RangeEvaluatedModel {
    private final int features;
    private final double l2;
    /** Whether the dense kernels run on the Vector API (never where {@link LinearKernels#VECTORIZED} is false). */
    private final boolean vectorKernels;

    BinaryLinearModel(int features, double l2, boolean vectorKernels) {
        Arguments.checkPositive("features", features);
        Arguments.checkL2(l2);
        this.features = features;
        this.l2 = l2;
        this.vectorKernels = vectorKernels && LinearKernels.VECTORIZED;
    }

    /** Number of input features. */
    public int features() {
        return features;
    }

    /** The L2 regularisation strength. */
    public double l2() {
        return l2;
    }

    /**
     * Replaces margins[i] (i in [0, count)) by invN times the derivative of the loss in the margin
     * for the example labelled labels[rows[from + i]], and returns the summed loss of the block.
     */
    abstract double lossAndSlopes(float[] margins, int count, int[] labels, int[] rows, int from, float invN);

    /**
     * The data term on the Vector API (only called when {@link LinearKernels#vectorizes} holds):
     * sets gradient[0 .. features] to invN times the summed loss gradient over the rows, bias
     * last, and returns the summed loss. This default runs the block loop on the vector block
     * kernels; a subclass may fuse the whole pass.
     */
    double vectorDataTerm(DenseFeatures x, int[] labels, int[] rows, float[] parameters, float invN, float[] gradient) {
        return blockDataTerm(x, labels, rows, parameters, invN, gradient, true);
    }

    /** Loss of one example with score z and 0/1 label. */
    abstract double loss(float z, int label);

    @Override
    public int parameterCount() {
        return features + 1;
    }

    /** Zeros: the objective is convex, so the start does not matter and zero is reproducible. */
    @Override
    public float[] initialParameters(long seed) {
        return new float[features + 1];
    }

    @Override
    public double lossAndGradient(float[] parameters, Dataset data, int[] rows, float[] gradient) {
        return lossAndGradient(parameters, data, rows, gradient, vectorKernels);
    }

    /** The gradient on the Vector API kernels (only valid when {@link LinearKernels#VECTORIZED}) or the scalar ones. */
    double lossAndGradient(float[] parameters, Dataset data, int[] rows, float[] gradient, boolean vectorized) {
        Arguments.checkParameters(parameters, parameterCount());
        Arguments.checkGradient(gradient, parameterCount());
        Arguments.checkData(data, features, 2);
        Arguments.checkRows(rows, data);
        java.util.Arrays.fill(gradient, 0f);
        int n = rows.length;
        if (n == 0) {
            return LinearKernels.addL2(parameters, features, l2, gradient);
        }
        Features x = data.features();
        float invN = 1f / n;
        double lossSum = LinearKernels.vectorizes(x, vectorized)
                ? vectorDataTerm((DenseFeatures) x, data.labels(), rows, parameters, invN, gradient)
                : blockDataTerm(x, data.labels(), rows, parameters, invN, gradient, false);
        return lossSum / n + LinearKernels.addL2(parameters, features, l2, gradient);
    }

    /** The data term by blocks of rows: margins, slopes, then the slope-weighted sum of the rows. */
    final double blockDataTerm(Features x, int[] labels, int[] rows, float[] parameters, float invN, float[] gradient,
                               boolean vectors) {
        int n = rows.length;
        float bias = parameters[features];
        float[] block = new float[LinearKernels.BLOCK_ROWS];
        double lossSum = 0;
        double biasGradient = 0;
        for (int from = 0; from < n; from += block.length) {
            int to = Math.min(n, from + block.length);
            LinearKernels.margins(x, rows, from, to, parameters, 0, bias, block, vectors);
            lossSum += lossAndSlopes(block, to - from, labels, rows, from, invN);
            for (int i = 0; i < to - from; i++) {
                biasGradient += block[i];
            }
            LinearKernels.accumulate(x, rows, from, to, block, gradient, 0, vectors);
        }
        gradient[features] = (float) biasGradient;
        return lossSum;
    }

    /**
     * Loss and accuracy in one pass over margins from the block kernels that training uses (a row
     * at a time through {@code Features.dot}, a pass for each, took 0.1-0.3 s after a run of 1M rows);
     * {@link #predict} takes its margin from the same kernels, so the two agree.
     */
    @Override
    public Evaluation evaluate(float[] parameters, Dataset data, int from, int to) {
        Arguments.checkParameters(parameters, parameterCount());
        Arguments.checkData(data, features, 2);
        Arguments.checkRange(from, to, data);
        int n = to - from;
        float bias = parameters[features];
        int[] labels = data.labels();
        int[] rows = new int[LinearKernels.BLOCK_ROWS];
        float[] margins = new float[LinearKernels.BLOCK_ROWS];
        double sum = 0;
        int correct = 0;
        for (int start = from; start < to; start += rows.length) {
            int count = Arguments.blockRows(rows, start, to);
            LinearKernels.margins(data.features(), rows, 0, count, parameters, 0, bias, margins, vectorKernels);
            for (int i = 0; i < count; i++) {
                int label = labels[start + i];
                sum += loss(margins[i], label);
                if (predicted(margins[i]) == label) {
                    correct++;
                }
            }
        }
        double loss = (n == 0 ? 0 : sum / n) + LinearKernels.l2Term(parameters, features, l2);
        return new Evaluation(loss, n == 0 ? Double.NaN : (double) correct / n);
    }

    /** The class of a margin: 1 from zero up. */
    private static int predicted(float margin) {
        return margin >= 0f ? 1 : 0;
    }

    @Override
    public void scores(float[] parameters, Dataset data, int row, double[] out) {
        Arguments.checkParameters(parameters, parameterCount());
        double margin = data.features().dot(row, parameters, 0) + parameters[features];
        if (probabilistic()) {
            out[1] = 1 / (1 + Math.exp(-margin));
            out[0] = 1 - out[1];
        } else {
            out[0] = -margin;
            out[1] = margin;
        }
    }

    /** The class {@link #evaluate} counts for this row: its margin from the same kernels. */
    @Override
    public int predict(float[] parameters, Dataset data, int row) {
        Arguments.checkParameters(parameters, parameterCount());
        float[] margin = new float[1];
        LinearKernels.margins(data.features(), new int[] {row}, 0, 1, parameters, 0, parameters[features], margin,
                vectorKernels);
        return predicted(margin[0]);
    }
}
