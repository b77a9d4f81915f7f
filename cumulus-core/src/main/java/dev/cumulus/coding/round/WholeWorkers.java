package dev.cumulus.coding.round;

import dev.cumulus.coding.ChunkOrder;
import dev.cumulus.coding.EncodingMatrix;
import dev.cumulus.coding.PartialStragglerCode;
import dev.cumulus.coding.StateVector;
import java.util.Objects;

/**
 * Classic gradient coding on the partial-straggler code's assignment and R: a worker counts only
 * once it has finished all its chunks (partial work is discarded), and the coordinator uses the
 * best decoder over those workers. The broadcast state has x_j = load_j for a counted worker and 0
 * otherwise, so the coefficients are the partial-straggler code's on that state.
 */
public final class WholeWorkers implements Strategy {
    private final PartialStragglerCode code;

    /** The strategy of a code (its order, R and parts). */
    public WholeWorkers(PartialStragglerCode code) {
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The strategy over the order with the well-conditioned R of {@link EncodingMatrix#forAssignment}. */
    public static WholeWorkers of(ChunkOrder order, int parts) {
        EncodingMatrix r = EncodingMatrix.forAssignment(order.assignment(), parts);
        return new WholeWorkers(new PartialStragglerCode(order, r));
    }

    @Override
    public ChunkOrder order() {
        return code.order();
    }

    @Override
    public int parts() {
        return code.parts();
    }

    @Override
    public Progress start() {
        return new CoverageProgress(code.order(), code.parts(), true);
    }

    @Override
    public double[][] coefficients(StateVector broadcast, int worker) {
        requireWhole(broadcast);
        return code.coefficients(worker, broadcast);
    }

    @Override
    public double[][] decoding(StateVector broadcast) {
        requireWhole(broadcast);
        return CoverageProgress.decoding(code.matrix(), broadcast);
    }

    private void requireWhole(StateVector x) {
        for (int j = 0; j < x.workers(); j++) {
            int load = code.order().assignment().load(j);
            if (x.finished(j) != 0 && x.finished(j) != load) {
                throw new IllegalArgumentException("worker " + j + " has " + x.finished(j) + " of " + load
                        + " chunks in the state, but this strategy counts only whole workers (0 or " + load + ")");
            }
        }
    }

    @Override
    public String toString() {
        return "WholeWorkers(parts=" + parts() + ", " + order().assignment() + ")";
    }
}
