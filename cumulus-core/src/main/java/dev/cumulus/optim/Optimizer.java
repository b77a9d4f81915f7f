package dev.cumulus.optim;

/**
 * A first-order update rule with state (momentum buffers, Adam moments, step count).
 *
 * <p>The state round-trips through {@link #state()} and {@link #restore(float[])} so that a
 * worker that hits its time limit can checkpoint it and its successor resumes bit-identically.
 */
public interface Optimizer {

    /** Updates {@code parameters} in place from {@code gradient}. */
    void step(float[] parameters, float[] gradient);

    /** A copy of the internal state, flat. */
    float[] state();

    /** Replaces the internal state with one produced by {@link #state()}. */
    void restore(float[] state);
}
