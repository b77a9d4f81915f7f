package dev.cumulus.aggregate;

import java.util.Arrays;

/**
 * Centred clipping (Karimireddy, He and Jaggi 2021): starting from the previous round's output v,
 * repeat L times v <- v + (1/n) sum_i (x_i - v) min(1, tau / ||x_i - v||).
 *
 * <p>Stateful, as in ByzFL: the first call starts from 0 and each call starts from the last
 * output, so one instance serves one training run and is not thread-safe; {@link #reset()} starts
 * over. ByzFL's defaults are tau = 100 and L = 1; Karimireddy's code uses tau = 10 / (1 - momentum)
 * and L = 3. It has no f, so it needs only n >= 1. Because each step moves at most tau per input,
 * the output reaches the inputs' mean only if they lie within reach of the centre.
 */
public final class CenteredClipping implements Aggregator {
    public static final String NAME = "cc";

    private final double tau;
    private final int iterations;
    private double[] centre;

    /**
     * @param tau        clipping radius, finite and > 0
     * @param iterations clipping steps per call, at least 1
     */
    public CenteredClipping(double tau, int iterations) {
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("Invalid value " + tau + " for cc.tau: expected a finite value > 0");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("Invalid value " + iterations + " for cc.iterations: expected at least 1");
        }
        this.tau = tau;
        this.iterations = iterations;
    }

    /** Forgets the previous output, so the next call starts from 0. */
    public void reset() {
        centre = null;
    }

    @Override
    public Precondition precondition() {
        return Precondition.atLeastOne(NAME);
    }

    @Override
    public float[] aggregate(float[][] inputs) {
        int d = Vectors.checkedLength(NAME, inputs);
        precondition().check(inputs.length);
        if (centre == null) {
            centre = new double[d];
        } else if (centre.length != d) {
            throw new IllegalArgumentException(NAME + ": inputs have length " + d + " but the previous round's had "
                    + centre.length + "; call reset() to start a new run");
        }
        double[] v = centre;
        double[] step = new double[d];
        int n = inputs.length;
        for (int t = 0; t < iterations; t++) {
            Arrays.fill(step, 0);
            for (float[] x : inputs) {
                double dist = distance(v, x);
                double scale = dist > tau ? tau / dist : 1;
                for (int k = 0; k < d; k++) {
                    step[k] += (x[k] - v[k]) * scale;
                }
            }
            for (int k = 0; k < d; k++) {
                v[k] += step[k] / n;
            }
        }
        return Vectors.scaled(v, 1);
    }

    private static double distance(double[] v, float[] x) {
        double sum = 0;
        for (int k = 0; k < v.length; k++) {
            double diff = x[k] - v[k];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }

    @Override
    public String toString() {
        return NAME + "(tau=" + tau + ", L=" + iterations + ")";
    }
}
