package dev.cumulus.coding.round;

import dev.cumulus.coding.ChunkOrder;
import dev.cumulus.coding.EncodingMatrix;
import dev.cumulus.coding.PartialStragglerCode;
import dev.cumulus.coding.StateVector;
import java.util.Objects;

/**
 * The partial-straggler code (Ramamoorthy, Meng, Girimaji, NeurIPS 2024): every finished chunk
 * counts the moment it is reported; recoverable once every chunk is finished by at least parts
 * workers. Worker j's coefficients for the chunks it finished are its rows of pinv(R[:, S_i]), the
 * minimum-norm least-squares solution, derived from the broadcast state alone.
 */
public final class PartialWork implements Strategy {
    private final PartialStragglerCode code;

    /** The strategy of a code (its order, R and parts). */
    public PartialWork(PartialStragglerCode code) {
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The strategy over the order with the well-conditioned R of {@link EncodingMatrix#forAssignment}. */
    public static PartialWork of(ChunkOrder order, int parts) {
        EncodingMatrix r = EncodingMatrix.forAssignment(order.assignment(), parts);
        return new PartialWork(new PartialStragglerCode(order, r));
    }

    /** The code behind this strategy. */
    public PartialStragglerCode code() {
        return code;
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
        return new CoverageProgress(code.order(), code.parts(), false);
    }

    @Override
    public double[][] coefficients(StateVector broadcast, int worker) {
        return code.coefficients(worker, broadcast);
    }

    @Override
    public double[][] decoding(StateVector broadcast) {
        return CoverageProgress.decoding(code.matrix(), broadcast);
    }

    @Override
    public String toString() {
        return "PartialWork(parts=" + parts() + ", " + order().assignment() + ")";
    }
}
