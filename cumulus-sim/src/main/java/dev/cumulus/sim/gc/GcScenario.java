package dev.cumulus.sim.gc;

import dev.cumulus.coding.Assignment;
import dev.cumulus.coding.ChunkOrder;
import dev.cumulus.sim.straggler.StragglerModel;
import java.util.Arrays;
import java.util.Objects;

/**
 * One gradient-coding experiment: cluster, code, order, delay model, deadlines and trials.
 * Validated on construction, so an invalid scenario cannot run.
 *
 * @param workers    N
 * @param chunks     m
 * @param load       chunks per worker (gamma)
 * @param parts      l, the communication-efficiency parameter
 * @param assignment how chunks are placed
 * @param order      each worker's public chunk order
 * @param stragglers the delay model
 * @param deadlines  approximate-mode deadlines, positive and increasing, in chunk-time units
 * @param trials     independent rounds to simulate
 * @param seed       seeds the assignment, the order and every trial
 */
public record GcScenario(int workers, int chunks, int load, int parts, AssignmentKind assignment,
                         OrderKind order, StragglerModel stragglers, double[] deadlines, int trials, long seed) {

    /** How chunks are placed on workers. */
    public enum AssignmentKind { CYCLIC, RANDOM_REGULAR }

    /** The public order of each worker's chunks. */
    public enum OrderKind { NATURAL, OPTIMAL, RANDOM }

    /** Validates the combination. */
    public GcScenario {
        Objects.requireNonNull(assignment, "assignment");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(stragglers, "stragglers");
        deadlines = deadlines.clone();
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (chunks < 1) {
            throw new IllegalArgumentException("chunks must be at least 1, got " + chunks);
        }
        if (load < 1) {
            throw new IllegalArgumentException("load must be at least 1, got " + load);
        }
        if (load > chunks) {
            throw new IllegalArgumentException("load " + load + " is larger than the chunk count " + chunks);
        }
        if (parts < 1 || parts > load) {
            throw new IllegalArgumentException("parts " + parts + " must be between 1 and the load " + load);
        }
        if (assignment == AssignmentKind.RANDOM_REGULAR && chunks != workers) {
            throw new IllegalArgumentException("the random-regular assignment needs as many chunks as workers, got "
                    + chunks + " chunks for " + workers + " workers");
        }
        if ((long) workers * load < (long) chunks * parts) {
            throw new IllegalArgumentException(workers + " workers with load " + load + " cannot cover " + chunks
                    + " chunks " + parts + " times each");
        }
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be at least 1, got " + trials);
        }
        for (int k = 0; k < deadlines.length; k++) {
            if (!(deadlines[k] > 0) || Double.isInfinite(deadlines[k]) || (k > 0 && deadlines[k] <= deadlines[k - 1])) {
                throw new IllegalArgumentException("deadlines must be positive, finite and increasing, got "
                        + Arrays.toString(deadlines));
            }
        }
    }

    /** The deadlines (a copy). */
    @Override
    public double[] deadlines() {
        return deadlines.clone();
    }

    /** The assignment this scenario describes (random ones are fixed by the seed). */
    public Assignment buildAssignment() {
        return switch (assignment) {
            case CYCLIC -> Assignment.cyclic(chunks, workers, load);
            case RANDOM_REGULAR -> Assignment.randomRegular(workers, load, seed);
        };
    }

    /**
     * The public order over {@link #buildAssignment()}.
     *
     * @throws IllegalArgumentException if the order is optimal but the assignment is not regular,
     *     or some chunk is held by fewer than {@code parts} workers
     */
    public ChunkOrder buildOrder() {
        Assignment a = buildAssignment();
        if (a.minReplication() < parts) {
            throw new IllegalArgumentException("some chunk is held by only " + a.minReplication()
                    + " workers, fewer than parts " + parts);
        }
        return switch (order) {
            case NATURAL -> ChunkOrder.natural(a);
            case OPTIMAL -> ChunkOrder.optimal(a);
            case RANDOM -> ChunkOrder.random(a, seed ^ 0x5DEECE66DL);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GcScenario s && workers == s.workers && chunks == s.chunks && load == s.load
                && parts == s.parts && assignment == s.assignment && order == s.order
                && stragglers.equals(s.stragglers) && Arrays.equals(deadlines, s.deadlines)
                && trials == s.trials && seed == s.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(workers, chunks, load, parts, assignment, order, stragglers, Arrays.hashCode(deadlines),
                trials, seed);
    }

    @Override
    public String toString() {
        return "GcScenario[N=" + workers + ", m=" + chunks + ", load=" + load + ", parts=" + parts + ", "
                + assignment + ", " + order + ", " + stragglers.chunkTime().spec() + ", deadlines="
                + Arrays.toString(deadlines) + ", trials=" + trials + ", seed=" + seed + "]";
    }
}
