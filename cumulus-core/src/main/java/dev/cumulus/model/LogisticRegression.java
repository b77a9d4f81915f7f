package dev.cumulus.model;

import dev.cumulus.data.DenseFeatures;

/**
 * Binary logistic regression: p(y = 1 | x) = sigmoid(w . x + b), trained on the mean log-loss
 * plus (l2 / 2) ||w||^2 (the bias is not regularised). Labels are 0 and 1.
 *
 * <p>The log-loss is evaluated as max(z, 0) - y z + log(1 + exp(-|z|)), which never overflows
 * and keeps full precision for large |z|.
 */
public final class LogisticRegression extends BinaryLinearModel {
    private static final int ONE_BITS = Float.floatToRawIntBits(1f);

    /** A model over {@code features} inputs with L2 strength {@code l2} (>= 0), on the vector kernels where they run. */
    public LogisticRegression(int features, double l2) {
        this(features, l2, true);
    }

    /** As {@link #LogisticRegression(int, double)}, on the scalar kernels unless {@code vectorKernels}. */
    public LogisticRegression(int features, double l2, boolean vectorKernels) {
        super(features, l2, vectorKernels);
    }

    @Override
    double lossAndSlopes(float[] margins, int count, int[] labels, int[] rows, int from, float invN) {
        // Float arithmetic without branches: the sign of z is random in the data, so a branch
        // on it would be mispredicted half the time.
        double sum = 0;
        for (int i = 0; i < count; i++) {
            float z = margins[i];
            float y = labels[rows[from + i]];
            float e = LogisticFunctions.expMinus(Math.abs(z));
            float r = 1f / (1f + e);
            // sigmoid(z) = 1 / (1 + e) for z >= 0 and e / (1 + e) below: pick the numerator by the sign bit.
            int negative = Float.floatToRawIntBits(z) >> 31;
            float numerator = Float.intBitsToFloat((ONE_BITS & ~negative) | (Float.floatToRawIntBits(e) & negative));
            sum += Math.max(z, 0f) - z * y + LogisticFunctions.log1pUnit(e);
            margins[i] = (numerator * r - y) * invN;
        }
        return sum;
    }

    @Override
    double vectorDataTerm(DenseFeatures x, int[] labels, int[] rows, float[] parameters, float invN, float[] gradient) {
        return VectorLinearKernels.logisticLossAndGradient(x.values(), x.cols(), rows, labels, parameters, invN, gradient);
    }

    @Override
    double loss(float z, int label) {
        return Math.max(z, 0) - (double) z * label
                + LogisticFunctions.log1pUnit(LogisticFunctions.expMinus(Math.abs((double) z)));
    }
}
