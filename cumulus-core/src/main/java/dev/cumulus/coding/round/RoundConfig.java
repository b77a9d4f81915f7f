package dev.cumulus.coding.round;

import dev.cumulus.coding.ChunkOrder;
import java.util.Objects;

/**
 * How one coded round is decided: the strategy, and when the coordinator triggers "encode and
 * transmit". Exact mode (an infinite deadline) triggers as soon as the full gradient is
 * recoverable; approximate mode triggers at the deadline, or earlier if the gradient becomes
 * recoverable first. Times are in whatever unit the caller feeds events in (milliseconds in the
 * protocol, chunk-time units in the simulator).
 *
 * @param strategy the scheme (partial work, whole workers, classic code, uncoded)
 * @param deadline when approximate mode triggers at the latest; positive infinity for exact mode
 */
public record RoundConfig(Strategy strategy, double deadline) {

    /** Validates the fields. */
    public RoundConfig {
        Objects.requireNonNull(strategy, "strategy");
        if (!(deadline > 0)) {
            throw new IllegalArgumentException("invalid value " + deadline
                    + " for deadline: expected a positive time, or infinity for exact mode");
        }
    }

    /** Exact mode: trigger when recoverable, never earlier. */
    public static RoundConfig exact(Strategy strategy) {
        return new RoundConfig(strategy, Double.POSITIVE_INFINITY);
    }

    /** Approximate mode: trigger at the deadline, or when recoverable if that comes first. */
    public static RoundConfig approximate(Strategy strategy, double deadline) {
        if (Double.isInfinite(deadline)) {
            throw new IllegalArgumentException("invalid value " + deadline
                    + " for deadline: approximate mode needs a finite deadline");
        }
        return new RoundConfig(strategy, deadline);
    }

    /** The partial-straggler code over the order, with the well-conditioned R, in exact mode. */
    public static RoundConfig partialWork(ChunkOrder order, int parts) {
        return exact(PartialWork.of(order, parts));
    }

    /** The uncoded scheme waiting for every worker. */
    public static RoundConfig waitForAll(int chunks, int workers) {
        return exact(Uncoded.of(chunks, workers));
    }

    /** The uncoded scheme that drops the chunks of workers not finished at the deadline. */
    public static RoundConfig ignoreStragglers(int chunks, int workers, double deadline) {
        return approximate(Uncoded.of(chunks, workers), deadline);
    }

    /** Whether this is exact mode (no deadline). */
    public boolean isExact() {
        return Double.isInfinite(deadline);
    }
}
