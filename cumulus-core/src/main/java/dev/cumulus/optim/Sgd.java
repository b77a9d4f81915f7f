package dev.cumulus.optim;

/** Plain stochastic gradient descent: w -= learningRate * g. Has no state. */
public final class Sgd implements Optimizer {
    private final float learningRate;
    private final int parameterCount;

    public Sgd(double learningRate, int parameterCount) {
        OptimizerSpec.checkLearningRate(learningRate);
        OptimizerSpec.checkParameterCount(parameterCount);
        this.learningRate = (float) learningRate;
        this.parameterCount = parameterCount;
    }

    @Override
    public void step(float[] parameters, float[] gradient, double learningRateScale) {
        OptimizerSpec.checkVectors(parameters, gradient, parameterCount);
        float lr = (float) (learningRate * learningRateScale);
        for (int i = 0; i < parameters.length; i++) {
            parameters[i] -= lr * gradient[i];
        }
    }

    @Override
    public float[] state() {
        return new float[0];
    }

    @Override
    public void restore(float[] state) {
        if (state.length != 0) {
            throw new IllegalArgumentException("state: SGD has no state, got " + state.length + " values");
        }
    }
}
