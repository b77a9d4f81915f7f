package dev.cumulus.coding.round;

import dev.cumulus.coding.Assignment;
import dev.cumulus.coding.ChunkOrder;
import dev.cumulus.coding.StateVector;

/**
 * A scheme for one coded round: which finished work counts, how a worker encodes its chunk
 * gradients and how the coordinator decodes them.
 *
 * <p>Implementations are immutable and built from the job's configuration alone, so the
 * coordinator and every worker hold equal instances. A worker that receives the broadcast state
 * vector x calls {@link #coefficients}(x, itself) and {@link #encode}; nothing else travels.
 * Worker j processes its chunks in the public {@link #order()}, and x_j chunks finished means the
 * first x_j of that order. A gradient is split into {@link #parts()} parts of ceil(d / parts)
 * entries (the last padded with zeros); each worker uploads one vector of that length.
 */
public interface Strategy {

    /** The public order (and through it the assignment) the workers follow. */
    ChunkOrder order();

    /** The assignment of chunks to workers. */
    default Assignment assignment() {
        return order().assignment();
    }

    /** The number of parts l each gradient is split into (1 for the uncoded and classic schemes). */
    int parts();

    /** A fresh count of one round's finished work, for {@link CodedRound}. */
    Progress start();

    /**
     * Worker j's encoding coefficients in broadcast state x: row p (length {@link #parts()}) is the
     * weight of each part of the gradient of the chunk at position p of its order, for p < x_j.
     * Empty when the worker sends nothing. Depends on (this strategy, x, worker) only, and is
     * bit-identical wherever it is computed.
     *
     * @throws IllegalArgumentException if x is not a state this strategy broadcasts
     */
    double[][] coefficients(StateVector broadcast, int worker);

    /**
     * The coordinator's decoding matrix D (parts x N) for broadcast state x: part k of the
     * gradient is sum_j D[k][j] y_j, with D[k][j] = 0 for every worker that sends nothing.
     */
    double[][] decoding(StateVector broadcast);

    /** Length of every encoded vector for gradients of dimension d: ceil(d / parts). */
    default int encodedLength(int dimension) {
        return (dimension + parts() - 1) / parts();
    }

    /**
     * Worker j's encoded vector from the gradients of its first x_j chunks in its order
     * ({@code chunkGradients[p]} for position p; entries beyond x_j are ignored), accumulated in
     * double and rounded once to float.
     *
     * @throws IllegalArgumentException if the worker sends nothing in x or the gradients do not fit
     */
    default float[] encode(StateVector broadcast, int worker, float[][] chunkGradients) {
        return LinearCombination.encode(coefficients(broadcast, worker), worker, chunkGradients, parts());
    }

    /**
     * The decoded gradient (length {@code dimension}) from every worker's encoded vector
     * ({@code encoded[j]} null for a worker that sent nothing), accumulated in double.
     */
    default float[] decode(StateVector broadcast, float[][] encoded, int dimension) {
        return LinearCombination.decode(decoding(broadcast), encoded, dimension);
    }
}
