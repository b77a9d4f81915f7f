package dev.cumulus.optim;

/**
 * Adam (Kingma and Ba) with bias correction: m = b1 m + (1 - b1) g, v = b2 v + (1 - b2) g^2,
 * w -= learningRate * m^ / (sqrt(v^) + epsilon) with m^ = m / (1 - b1^t), v^ = v / (1 - b2^t).
 *
 * <p>State layout: [t, m (n values), v (n values)]. The step count t is stored as a float,
 * exact up to 2^24 steps.
 */
public final class Adam implements Optimizer {
    private static final int MAX_EXACT_STEPS = 1 << 24;

    private final double learningRate;
    private final float beta1;
    private final float beta2;
    private final double beta1d;
    private final double beta2d;
    private final float epsilon;
    private final float[] m;
    private final float[] v;
    private int step;

    public Adam(double learningRate, double beta1, double beta2, double epsilon, int parameterCount) {
        OptimizerSpec.checkLearningRate(learningRate);
        OptimizerSpec.checkUnitInterval("beta1", beta1);
        OptimizerSpec.checkUnitInterval("beta2", beta2);
        OptimizerSpec.checkEpsilon(epsilon);
        OptimizerSpec.checkParameterCount(parameterCount);
        this.learningRate = learningRate;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.beta1d = beta1;
        this.beta2d = beta2;
        this.epsilon = (float) epsilon;
        this.m = new float[parameterCount];
        this.v = new float[parameterCount];
    }

    /** Number of steps taken so far. */
    public int steps() {
        return step;
    }

    @Override
    public void step(float[] parameters, float[] gradient, double learningRateScale) {
        OptimizerSpec.checkVectors(parameters, gradient, m.length);
        if (step >= MAX_EXACT_STEPS) {
            throw new IllegalStateException("Adam step count exceeds " + MAX_EXACT_STEPS + ", beyond what its state stores exactly");
        }
        step++;
        float b1 = beta1;
        float b2 = beta2;
        float oneMinusB1 = 1f - b1;
        float oneMinusB2 = 1f - b2;
        float stepSize = (float) (learningRate * learningRateScale / (1 - Math.pow(beta1d, step)));
        float secondCorrection = (float) (1 / (1 - Math.pow(beta2d, step)));
        float eps = epsilon;
        for (int i = 0; i < m.length; i++) {
            float g = gradient[i];
            float mi = b1 * m[i] + oneMinusB1 * g;
            float vi = b2 * v[i] + oneMinusB2 * g * g;
            m[i] = mi;
            v[i] = vi;
            parameters[i] -= stepSize * mi / ((float) Math.sqrt(vi * secondCorrection) + eps);
        }
    }

    @Override
    public float[] state() {
        float[] state = new float[1 + 2 * m.length];
        state[0] = step;
        System.arraycopy(m, 0, state, 1, m.length);
        System.arraycopy(v, 0, state, 1 + m.length, v.length);
        return state;
    }

    @Override
    public void restore(float[] state) {
        if (state.length != 1 + 2 * m.length) {
            throw new IllegalArgumentException("state: Adam expects " + (1 + 2 * m.length) + " values, got " + state.length);
        }
        float t = state[0];
        if (!(t >= 0 && t <= MAX_EXACT_STEPS) || t != Math.rint(t)) {
            throw new IllegalArgumentException("state: Adam step count must be a whole number in [0, 2^24], got " + t);
        }
        step = (int) t;
        System.arraycopy(state, 1, m, 0, m.length);
        System.arraycopy(state, 1 + m.length, v, 0, v.length);
    }
}
