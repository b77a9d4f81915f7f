package dev.cumulus.model;

import dev.cumulus.data.Dataset;

import java.util.List;

/**
 * Straightforward double-precision objectives, written independently of the models' block
 * kernels, for finite-difference gradient checks. Same parameter layouts as the models.
 */
final class ReferenceObjectives {
    private ReferenceObjectives() {
    }

    interface Objective {
        double value(double[] parameters);
    }

    static Objective logistic(Dataset data, int[] rows, double l2) {
        int d = data.cols();
        return p -> {
            double sum = 0;
            for (int r : rows) {
                double z = p[d];
                for (int j = 0; j < d; j++) {
                    z += data.features().get(r, j) * p[j];
                }
                double prob = 1 / (1 + Math.exp(-z));
                sum += data.labels()[r] == 1 ? -Math.log(prob) : -Math.log(1 - prob);
            }
            return sum / rows.length + l2Term(p, 0, d, l2);
        };
    }

    static Objective svm(Dataset data, int[] rows, double l2) {
        int d = data.cols();
        return p -> {
            double sum = 0;
            for (int r : rows) {
                double z = p[d];
                for (int j = 0; j < d; j++) {
                    z += data.features().get(r, j) * p[j];
                }
                double t = data.labels()[r] == 1 ? 1 : -1;
                sum += Math.max(0, 1 - t * z);
            }
            return sum / rows.length + l2Term(p, 0, d, l2);
        };
    }

    static Objective softmax(Dataset data, int[] rows, int classes, double l2) {
        int d = data.cols();
        return p -> {
            double sum = 0;
            for (int r : rows) {
                double[] z = new double[classes];
                for (int k = 0; k < classes; k++) {
                    z[k] = p[classes * d + k];
                    for (int j = 0; j < d; j++) {
                        z[k] += data.features().get(r, j) * p[k * d + j];
                    }
                }
                sum += crossEntropy(z, data.labels()[r]);
            }
            return sum / rows.length + l2Term(p, 0, classes * d, l2);
        };
    }

    static Objective mlp(Dataset data, int[] rows, List<Integer> hidden, int classes, double l2) {
        int[] sizes = mlpSizes(data.cols(), hidden, classes);
        return p -> {
            double sum = 0;
            for (int r : rows) {
                sum += crossEntropy(mlpLogits(data, r, sizes, p, new double[1]), data.labels()[r]);
            }
            double reg = 0;
            int offset = 0;
            for (int l = 0; l + 1 < sizes.length; l++) {
                reg += l2Term(p, offset, offset + sizes[l] * sizes[l + 1], l2);
                offset += sizes[l] * sizes[l + 1] + sizes[l + 1];
            }
            return sum / rows.length + reg;
        };
    }

    /** The smallest |pre-activation| of any hidden unit over the rows: the distance to a ReLU kink. */
    static double mlpKinkDistance(Dataset data, int[] rows, List<Integer> hidden, int classes, float[] at) {
        int[] sizes = mlpSizes(data.cols(), hidden, classes);
        double[] p = new double[at.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = at[i];
        }
        double[] nearest = {Double.POSITIVE_INFINITY};
        for (int r : rows) {
            mlpLogits(data, r, sizes, p, nearest);
        }
        return nearest[0];
    }

    /** The smallest |1 - t z| over the rows: the distance to the hinge's kink. */
    static double svmKinkDistance(Dataset data, int[] rows, float[] p) {
        int d = data.cols();
        double nearest = Double.POSITIVE_INFINITY;
        for (int r : rows) {
            double z = p[d];
            for (int j = 0; j < d; j++) {
                z += data.features().get(r, j) * p[j];
            }
            double t = data.labels()[r] == 1 ? 1 : -1;
            nearest = Math.min(nearest, Math.abs(1 - t * z));
        }
        return nearest;
    }

    private static int[] mlpSizes(int features, List<Integer> hidden, int classes) {
        int[] sizes = new int[hidden.size() + 2];
        sizes[0] = features;
        for (int i = 0; i < hidden.size(); i++) {
            sizes[i + 1] = hidden.get(i);
        }
        sizes[sizes.length - 1] = classes;
        return sizes;
    }

    private static double[] mlpLogits(Dataset data, int r, int[] sizes, double[] p, double[] nearestKink) {
        double[] a = new double[sizes[0]];
        for (int j = 0; j < a.length; j++) {
            a[j] = data.features().get(r, j);
        }
        int offset = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            int in = sizes[l];
            int out = sizes[l + 1];
            double[] z = new double[out];
            for (int o = 0; o < out; o++) {
                z[o] = p[offset + out * in + o];
                for (int i = 0; i < in; i++) {
                    z[o] += p[offset + o * in + i] * a[i];
                }
                if (l + 2 < sizes.length) {
                    nearestKink[0] = Math.min(nearestKink[0], Math.abs(z[o]));
                    z[o] = Math.max(0, z[o]);
                }
            }
            offset += out * in + out;
            a = z;
        }
        return a;
    }

    private static double crossEntropy(double[] z, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - max);
        }
        return Math.log(s) + max - z[label];
    }

    private static double l2Term(double[] p, int from, int to, double l2) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += p[i] * p[i];
        }
        return 0.5 * l2 * s;
    }

    /** Central finite differences of the objective at the given point. */
    static double[] numericGradient(Objective f, float[] at, double step) {
        double[] p = new double[at.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = at[i];
        }
        double[] g = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double keep = p[i];
            p[i] = keep + step;
            double plus = f.value(p);
            p[i] = keep - step;
            double minus = f.value(p);
            p[i] = keep;
            g[i] = (plus - minus) / (2 * step);
        }
        return g;
    }

    static double value(Objective f, float[] at) {
        double[] p = new double[at.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = at[i];
        }
        return f.value(p);
    }
}
