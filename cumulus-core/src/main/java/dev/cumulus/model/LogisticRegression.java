package dev.cumulus.model;

/**
 * Binary logistic regression: p(y = 1 | x) = sigmoid(w . x + b), trained on the mean log-loss
 * plus (l2 / 2) ||w||^2 (the bias is not regularised). Labels are 0 and 1.
 *
 * <p>The log-loss is evaluated as max(z, 0) - y z + log(1 + exp(-|z|)), which never overflows
 * and keeps full precision for large |z|.
 */
public final class LogisticRegression extends BinaryLinearModel {

    /** A model over {@code features} inputs with L2 strength {@code l2} (>= 0). */
    public LogisticRegression(int features, double l2) {
        super(features, l2);
    }

    @Override
    double lossAndSlopes(float[] margins, int count, int[] labels, int[] rows, int from, float invN) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            double z = margins[i];
            int y = labels[rows[from + i]];
            double e = Math.exp(-Math.abs(z));
            double sigmoid = z >= 0 ? 1 / (1 + e) : e / (1 + e);
            sum += Math.max(z, 0) - z * y + log1pSmall(e);
            margins[i] = (float) (sigmoid - y) * invN;
        }
        return sum;
    }

    @Override
    double loss(float z, int label) {
        return Math.max(z, 0) - (double) z * label + log1pSmall(Math.exp(-Math.abs((double) z)));
    }

    /**
     * log(1 + e) for e in [0, 1]. Math.log1p is not a JIT intrinsic and dominates the kernel, so
     * use the intrinsic log where 1 + e loses no meaningful precision and two Taylor terms below.
     */
    private static double log1pSmall(double e) {
        return e < 1e-5 ? e - 0.5 * e * e : Math.log(1 + e);
    }
}
