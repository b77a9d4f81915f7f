package dev.cumulus.optim;

/** Builds the {@link Optimizer} an {@link OptimizerSpec} describes. */
public final class Optimizers {
    private Optimizers() {
    }

    /** A fresh optimiser (zero state) for a parameter vector of the given length. */
    public static Optimizer create(OptimizerSpec spec, int parameterCount) {
        switch (spec.type()) {
            case "sgd":
                return new Sgd(spec.learningRate(), parameterCount);
            case "momentum":
                return new Momentum(spec.learningRate(), spec.momentum(), parameterCount);
            case "adam":
                return new Adam(spec.learningRate(), spec.beta1(), spec.beta2(), spec.epsilon(), parameterCount);
            default:
                throw new IllegalArgumentException("Invalid value " + spec.type() + " for optimizer.type");
        }
    }
}
