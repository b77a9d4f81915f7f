package dev.cumulus.model;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A single-machine reference, never used in training: the optimum of L2-regularised logistic or
 * softmax regression on a dense dataset, by damped Newton's method with EJML, in double precision,
 * written from the formulas and not from the models' kernels, so that a test or a benchmark that
 * compares a distributed run with it compares two independent computations.
 *
 * <p>Both models are a multinomial logit with {@code free} score vectors (w_c, b_c): softmax has one
 * per class; binary logistic regression one, for class 1, with class 0's score fixed at 0. The
 * objective is the mean of log-sum-exp(scores) - score_label, plus (l2 / 2) sum_c ||w_c||^2 (biases
 * are not regularised). Softmax's biases make the Hessian singular along "add c to every bias",
 * where the gradient is zero too, so the step uses the pseudo-inverse.
 */
public final class NewtonOptimum {
    private final float[] x;
    private final int[] labels;
    private final int rows;
    private final int cols;
    private final int free;
    private final int firstFreeClass;
    private final double l2;

    private NewtonOptimum(Dataset data, boolean softmax, double l2) {
        if (!(data.features() instanceof DenseFeatures features)) {
            throw new IllegalArgumentException("NewtonOptimum: dense features only");
        }
        this.x = features.values();
        this.labels = data.labels();
        this.rows = data.rows();
        this.cols = data.cols();
        this.free = softmax ? data.numClasses() : 1;
        this.firstFreeClass = softmax ? 0 : 1;
        this.l2 = l2;
    }

    /** The minimum of the objective of {@code model} ("logistic" or "softmax") with strength {@code l2} over {@code data}. */
    public static double of(Dataset data, String model, double l2) {
        if (!model.equals("logistic") && !model.equals("softmax")) {
            throw new IllegalArgumentException("NewtonOptimum: logistic or softmax, not " + model);
        }
        return new NewtonOptimum(data, model.equals("softmax"), l2).solve();
    }

    private double solve() {
        int size = free * (cols + 1);
        double[] theta = new double[size];
        double[] gradient = new double[size];
        DMatrixRMaj hessian = new DMatrixRMaj(size, size);
        double loss = evaluate(theta, gradient, hessian);
        for (int iteration = 0; iteration < 100; iteration++) {
            DMatrixRMaj inverse = new DMatrixRMaj(size, size);
            CommonOps_DDRM.pinv(hessian, inverse);
            DMatrixRMaj step = new DMatrixRMaj(size, 1);
            CommonOps_DDRM.mult(inverse, DMatrixRMaj.wrap(size, 1, gradient.clone()), step);
            double t = 1;
            double[] next = new double[size];
            double nextLoss;
            while (true) {
                for (int i = 0; i < size; i++) {
                    next[i] = theta[i] - t * step.get(i, 0);
                }
                nextLoss = evaluate(next, null, null);
                if (nextLoss <= loss || t < 1e-10) {
                    break;
                }
                t /= 2;
            }
            if (!(nextLoss < loss - 1e-15)) {
                break;
            }
            theta = next;
            loss = evaluate(theta, gradient, hessian);
        }
        return loss;
    }

    /** The objective at theta; when {@code gradient} is not null, also its gradient and Hessian. */
    private double evaluate(double[] theta, double[] gradient, DMatrixRMaj hessian) {
        int stride = cols + 1;
        if (gradient != null) {
            java.util.Arrays.fill(gradient, 0);
            hessian.zero();
        }
        double[] scores = new double[free + firstFreeClass];
        double[] probabilities = new double[scores.length];
        double[] row = new double[stride];
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                row[j] = x[r * cols + j];
            }
            row[cols] = 1;
            double max = 0;
            for (int c = 0; c < free; c++) {
                double z = 0;
                for (int j = 0; j < stride; j++) {
                    z += theta[c * stride + j] * row[j];
                }
                scores[c + firstFreeClass] = z;
                max = Math.max(max, z);
            }
            if (firstFreeClass == 0) {
                max = scores[0];
                for (double z : scores) {
                    max = Math.max(max, z);
                }
            }
            double partition = 0;
            for (double z : scores) {
                partition += Math.exp(z - max);
            }
            sum += max + Math.log(partition) - scores[labels[r]];
            if (gradient == null) {
                continue;
            }
            for (int k = 0; k < scores.length; k++) {
                probabilities[k] = Math.exp(scores[k] - max) / partition;
            }
            for (int c = 0; c < free; c++) {
                int k = c + firstFreeClass;
                double residual = probabilities[k] - (labels[r] == k ? 1 : 0);
                for (int j = 0; j < stride; j++) {
                    gradient[c * stride + j] += residual * row[j] / rows;
                }
                for (int c2 = 0; c2 < free; c2++) {
                    int k2 = c2 + firstFreeClass;
                    double weight = ((k == k2 ? probabilities[k] : 0) - probabilities[k] * probabilities[k2]) / rows;
                    for (int i = 0; i < stride; i++) {
                        for (int j = 0; j < stride; j++) {
                            hessian.add(c * stride + i, c2 * stride + j, weight * row[i] * row[j]);
                        }
                    }
                }
            }
        }
        double squaredWeights = 0;
        for (int c = 0; c < free; c++) {
            for (int j = 0; j < cols; j++) {
                int i = c * stride + j;
                squaredWeights += theta[i] * theta[i];
                if (gradient != null) {
                    gradient[i] += l2 * theta[i];
                    hessian.add(i, i, l2);
                }
            }
        }
        return sum / rows + 0.5 * l2 * squaredWeights;
    }
}
