package dev.cumulus.coding.round;

import dev.cumulus.coding.StateVector;

/**
 * One round's finished work as a {@link Strategy} counts it: mutable, not thread-safe, fed by
 * {@link CodedRound} only (which checks the events first).
 */
public interface Progress {

    /** Worker j has now finished the first {@code finishedCount} chunks of its order (more than before). */
    void chunksFinished(int worker, int finishedCount);

    /** Worker j failed: whatever it finished can no longer be sent. */
    void workerFailed(int worker);

    /** Whether decoding now would give the full gradient exactly. */
    boolean recoverable();

    /** The normalised mean-squared error of decoding now (0 when recoverable). */
    double normalisedError();

    /** The state vector to broadcast if the round triggered now. */
    StateVector broadcast();

    /** An independent progress with the same counts. */
    Progress copy();
}
