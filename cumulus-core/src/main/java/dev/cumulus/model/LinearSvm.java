package dev.cumulus.model;

/**
 * Linear support vector machine: score z = w . x + b, trained on the mean hinge loss
 * max(0, 1 - t z) with t = +1 for label 1 and t = -1 for label 0, plus (l2 / 2) ||w||^2 (the bias
 * is not regularised).
 *
 * <p>The hinge is not differentiable at t z = 1; there the subgradient 0 is used (the example
 * counts as correctly classified with margin), so the gradient of an example is -t x when
 * t z < 1 and 0 otherwise.
 */
public final class LinearSvm extends BinaryLinearModel {

    /** A model over {@code features} inputs with L2 strength {@code l2} (>= 0). */
    public LinearSvm(int features, double l2) {
        this(features, l2, true);
    }

    /** As {@link #LinearSvm(int, double)}, on the scalar kernels unless {@code vectorKernels}. */
    public LinearSvm(int features, double l2, boolean vectorKernels) {
        super(features, l2, vectorKernels);
    }

    @Override
    double lossAndSlopes(float[] margins, int count, int[] labels, int[] rows, int from, float invN) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            float t = labels[rows[from + i]] == 1 ? 1f : -1f;
            float tz = t * margins[i];
            if (tz < 1f) {
                sum += 1.0 - tz;
                margins[i] = -t * invN;
            } else {
                margins[i] = 0f;
            }
        }
        return sum;
    }

    @Override
    double loss(float z, int label) {
        float t = label == 1 ? 1f : -1f;
        return Math.max(0.0, 1.0 - t * z);
    }

    /** A hinge-loss model has margins, not probabilities. */
    @Override
    public boolean probabilistic() {
        return false;
    }
}
