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
            double e = LogisticFunctions.expMinus(Math.abs(z));
            double r = 1 / (1 + e);
            double sigmoid = z >= 0 ? r : e * r;
            sum += Math.max(z, 0) - z * y + LogisticFunctions.log1pUnit(e);
            margins[i] = (float) (sigmoid - y) * invN;
        }
        return sum;
    }

    @Override
    double loss(float z, int label) {
        return Math.max(z, 0) - (double) z * label
                + LogisticFunctions.log1pUnit(LogisticFunctions.expMinus(Math.abs((double) z)));
    }
}
