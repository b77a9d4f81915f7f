package dev.cumulus.coding.round;

import dev.cumulus.coding.Assignment;
import dev.cumulus.coding.ChunkOrder;
import dev.cumulus.coding.StateVector;
import java.util.Objects;

/**
 * The uncoded baseline: every chunk on one worker, a worker sends the plain sum of its chunks'
 * gradients once it has finished all of them, and the coordinator adds what arrived. In exact
 * mode it waits for all workers; in approximate mode it ignores the stragglers at the deadline
 * (their chunks are missing from the sum).
 */
public final class Uncoded implements Strategy {
    private final ChunkOrder order;

    /**
     * The baseline over an assignment without redundancy.
     *
     * @throws IllegalArgumentException if some chunk is held by a number of workers other than one
     */
    public Uncoded(Assignment assignment) {
        for (int i = 0; i < assignment.chunks(); i++) {
            if (assignment.replication(i) != 1) {
                throw new IllegalArgumentException("the uncoded scheme needs every chunk on exactly one worker; chunk "
                        + i + " is on " + assignment.replication(i));
            }
        }
        this.order = ChunkOrder.natural(Objects.requireNonNull(assignment, "assignment"));
    }

    /** The baseline over {@link Assignment#uncoded}(chunks, workers). */
    public static Uncoded of(int chunks, int workers) {
        return new Uncoded(Assignment.uncoded(chunks, workers));
    }

    @Override
    public ChunkOrder order() {
        return order;
    }

    @Override
    public int parts() {
        return 1;
    }

    @Override
    public Progress start() {
        return new WorkerProgress(order.assignment());
    }

    /** All ones for a worker that finished all its chunks; nothing otherwise. */
    @Override
    public double[][] coefficients(StateVector broadcast, int worker) {
        int load = order.assignment().load(worker);
        int x = broadcast.finished(worker);
        if (x == 0) {
            return new double[0][];
        }
        if (x != load) {
            throw new IllegalArgumentException("worker " + worker + " has " + x + " of " + load
                    + " chunks in the state, but the uncoded scheme counts only whole workers (0 or " + load + ")");
        }
        double[][] beta = new double[load][];
        for (int p = 0; p < load; p++) {
            beta[p] = new double[] {1.0};
        }
        return beta;
    }

    /** One for every worker that sent, zero otherwise. */
    @Override
    public double[][] decoding(StateVector broadcast) {
        double[][] d = new double[1][broadcast.workers()];
        for (int j = 0; j < broadcast.workers(); j++) {
            d[0][j] = broadcast.finished(j) > 0 ? 1.0 : 0.0;
        }
        return d;
    }

    @Override
    public String toString() {
        return "Uncoded(" + order.assignment() + ")";
    }

    /** Which workers have finished everything; the error is the fraction of chunks still missing. */
    private static final class WorkerProgress implements Progress {
        private final Assignment assignment;
        private final boolean[] done;
        private int missingChunks;
        private int unfinishedWorkers;

        WorkerProgress(Assignment assignment) {
            this.assignment = assignment;
            this.done = new boolean[assignment.workers()];
            for (int j = 0; j < done.length; j++) {
                // A worker without chunks has nothing to wait for.
                done[j] = assignment.load(j) == 0;
                if (!done[j]) {
                    unfinishedWorkers++;
                    missingChunks += assignment.load(j);
                }
            }
        }

        private WorkerProgress(WorkerProgress other) {
            this.assignment = other.assignment;
            this.done = other.done.clone();
            this.missingChunks = other.missingChunks;
            this.unfinishedWorkers = other.unfinishedWorkers;
        }

        @Override
        public Progress copy() {
            return new WorkerProgress(this);
        }

        @Override
        public void chunksFinished(int worker, int finishedCount) {
            if (!done[worker] && finishedCount == assignment.load(worker)) {
                done[worker] = true;
                unfinishedWorkers--;
                missingChunks -= assignment.load(worker);
            }
        }

        @Override
        public void workerFailed(int worker) {
            if (done[worker] && assignment.load(worker) > 0) {
                done[worker] = false;
                unfinishedWorkers++;
                missingChunks += assignment.load(worker);
            }
        }

        @Override
        public boolean recoverable() {
            return unfinishedWorkers == 0;
        }

        @Override
        public double normalisedError() {
            return (double) missingChunks / assignment.chunks();
        }

        @Override
        public StateVector broadcast() {
            int[] x = new int[done.length];
            for (int j = 0; j < x.length; j++) {
                x[j] = done[j] ? assignment.load(j) : 0;
            }
            return StateVector.of(x);
        }
    }
}
