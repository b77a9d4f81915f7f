package dev.cumulus.optim;

import java.util.Locale;
import java.util.Set;

/**
 * The configuration of an optimiser: its type (sgd, momentum, adam) and hyper-parameters. Fields a
 * type does not use are ignored; the ones it uses are validated on construction.
 *
 * @param type         sgd, momentum or adam (case-insensitive, stored lower-case)
 * @param learningRate step size, finite and > 0
 * @param momentum     heavy-ball coefficient in [0, 1) (momentum only)
 * @param beta1        first-moment decay in [0, 1) (adam only)
 * @param beta2        second-moment decay in [0, 1) (adam only)
 * @param epsilon      denominator guard, finite and > 0 (adam only)
 */
public record OptimizerSpec(String type, double learningRate, double momentum, double beta1, double beta2,
                            double epsilon) {
    /** The accepted values of {@code type}. */
    public static final Set<String> TYPES = Set.of("sgd", "momentum", "adam");

    public OptimizerSpec {
        if (type == null || !TYPES.contains(type.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Invalid value " + type + " for optimizer.type: expected one of sgd, momentum, adam");
        }
        type = type.toLowerCase(Locale.ROOT);
        checkLearningRate(learningRate);
        if (type.equals("momentum")) {
            checkUnitInterval("momentum", momentum);
        }
        if (type.equals("adam")) {
            checkUnitInterval("beta1", beta1);
            checkUnitInterval("beta2", beta2);
            checkEpsilon(epsilon);
        }
    }

    public static OptimizerSpec sgd(double learningRate) {
        return new OptimizerSpec("sgd", learningRate, 0, 0.9, 0.999, 1e-8);
    }

    public static OptimizerSpec momentum(double learningRate, double momentum) {
        return new OptimizerSpec("momentum", learningRate, momentum, 0.9, 0.999, 1e-8);
    }

    /** Adam with the paper's defaults beta1 0.9, beta2 0.999, epsilon 1e-8. */
    public static OptimizerSpec adam(double learningRate) {
        return new OptimizerSpec("adam", learningRate, 0, 0.9, 0.999, 1e-8);
    }

    static void checkLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Invalid value " + learningRate + " for optimizer.learningRate: expected a finite value > 0");
        }
    }

    static void checkUnitInterval(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("Invalid value " + value + " for optimizer." + field + ": expected a value in [0, 1)");
        }
    }

    static void checkEpsilon(double epsilon) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("Invalid value " + epsilon + " for optimizer.epsilon: expected a finite value > 0");
        }
    }

    static void checkParameterCount(int parameterCount) {
        if (parameterCount < 0) {
            throw new IllegalArgumentException("parameterCount: expected >= 0, got " + parameterCount);
        }
    }

    static void checkVectors(float[] parameters, float[] gradient, int parameterCount) {
        if (parameters.length != parameterCount || gradient.length != parameterCount) {
            throw new IllegalArgumentException("optimizer built for " + parameterCount + " parameters got parameters of length "
                    + parameters.length + " and gradient of length " + gradient.length);
        }
    }
}
