package dev.cumulus.aggregate;

/**
 * A rule that combines n vectors of the same length (one per peer, up to f of them Byzantine) into
 * one vector of that length.
 *
 * <p>Implementations never modify their inputs and return a fresh array. They check
 * {@link #precondition()} on every call, because n shrinks when peers drop out or are screened.
 */
public interface Aggregator {

    /** What this rule requires of the number of inputs, for its declared f. */
    Precondition precondition();

    /**
     * Combines {@code inputs} (n rows of equal length d, n at least {@link Precondition#minInputs()})
     * into one vector of length d.
     *
     * @throws TooFewInputsException if n violates the precondition
     * @throws IllegalArgumentException if the rows are missing or differ in length
     */
    float[] aggregate(float[][] inputs);
}
