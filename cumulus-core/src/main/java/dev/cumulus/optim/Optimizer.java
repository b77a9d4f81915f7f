package dev.cumulus.optim;

/**
 * A first-order update rule with state (momentum buffers, Adam moments, step count).
 *
 * <p>The state round-trips through {@link #state()} and {@link #restore(float[])} so that a
 * worker that hits its time limit can checkpoint it and its successor resumes bit-identically.
 */
public interface Optimizer {

    /** Updates {@code parameters} in place from {@code gradient}. */
    default void step(float[] parameters, float[] gradient) {
        step(parameters, gradient, 1.0);
    }

    /**
     * Updates {@code parameters} in place from {@code gradient}, with the learning rate multiplied
     * by {@code learningRateScale} (a {@link LearningRateSchedule}'s factor for this step). A scale
     * of 1 gives exactly the unscheduled step.
     */
    void step(float[] parameters, float[] gradient, double learningRateScale);

    /** A copy of the internal state, flat. */
    float[] state();

    /** Replaces the internal state with one produced by {@link #state()}. */
    void restore(float[] state);
}
