package dev.cumulus.optim;

/**
 * Heavy-ball momentum: v = momentum * v + g, then w -= learningRate * v. The state is the
 * velocity v, one float per parameter.
 */
public final class Momentum implements Optimizer {
    private final float learningRate;
    private final float momentum;
    private final float[] velocity;

    public Momentum(double learningRate, double momentum, int parameterCount) {
        OptimizerSpec.checkLearningRate(learningRate);
        OptimizerSpec.checkUnitInterval("momentum", momentum);
        OptimizerSpec.checkParameterCount(parameterCount);
        this.learningRate = (float) learningRate;
        this.momentum = (float) momentum;
        this.velocity = new float[parameterCount];
    }

    @Override
    public void step(float[] parameters, float[] gradient, double learningRateScale) {
        OptimizerSpec.checkVectors(parameters, gradient, velocity.length);
        float lr = (float) (learningRate * learningRateScale);
        float mu = momentum;
        float[] v = velocity;
        for (int i = 0; i < v.length; i++) {
            v[i] = mu * v[i] + gradient[i];
            parameters[i] -= lr * v[i];
        }
    }

    @Override
    public float[] state() {
        return velocity.clone();
    }

    @Override
    public void restore(float[] state) {
        if (state.length != velocity.length) {
            throw new IllegalArgumentException("state: momentum expects " + velocity.length + " values, got " + state.length);
        }
        System.arraycopy(state, 0, velocity, 0, velocity.length);
    }
}
