package dev.cumulus.coding.round;

import dev.cumulus.coding.Assignment;
import dev.cumulus.coding.ChunkOrder;
import dev.cumulus.coding.StateVector;
import dev.cumulus.coding.classic.GradientCode;
import java.util.Objects;

/**
 * A classic gradient code of Tandon et al. (cyclic or fractional repetition): a worker sends its
 * fixed combination B[j] of all its chunks once it has finished them, and the round is
 * recoverable once the finished workers' rows span the all-ones vector. In approximate mode the
 * coordinator uses the least-squares decoder over the finished workers.
 */
public final class ClassicCode implements Strategy {
    private final GradientCode code;
    private final ChunkOrder order;
    private final double[][] b;

    /** The strategy of a classic code; workers process their chunks in the code's listing order. */
    public ClassicCode(GradientCode code) {
        this.code = Objects.requireNonNull(code, "code");
        this.order = ChunkOrder.natural(code.assignment());
        this.b = code.encodingMatrix();
    }

    /** The classic code behind this strategy. */
    public GradientCode code() {
        return code;
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
        return new FinishedWorkers();
    }

    /** Row p is B[j][chunk at position p] for a worker that finished everything; nothing otherwise. */
    @Override
    public double[][] coefficients(StateVector broadcast, int worker) {
        if (!finished(broadcast, worker)) {
            return new double[0][];
        }
        int[] chunks = order.orderOf(worker);
        double[][] beta = new double[chunks.length][];
        for (int p = 0; p < chunks.length; p++) {
            beta[p] = new double[] {b[worker][chunks[p]]};
        }
        return beta;
    }

    /** The exact decoding vector when there is one, the least-squares one otherwise. */
    @Override
    public double[][] decoding(StateVector broadcast) {
        boolean[] flags = new boolean[broadcast.workers()];
        for (int j = 0; j < flags.length; j++) {
            flags[j] = finished(broadcast, j);
        }
        return new double[][] {code.decodingVector(flags).orElseGet(() -> code.bestDecodingVector(flags))};
    }

    private boolean finished(StateVector x, int worker) {
        Assignment a = order.assignment();
        int done = x.finished(worker);
        if (done != 0 && done != a.load(worker)) {
            throw new IllegalArgumentException("worker " + worker + " has " + done + " of " + a.load(worker)
                    + " chunks in the state, but a classic code counts only whole workers (0 or " + a.load(worker)
                    + ")");
        }
        return done > 0;
    }

    @Override
    public String toString() {
        return "ClassicCode(s=" + code.stragglers() + ", " + order.assignment() + ")";
    }

    /** The finished flags, with decodability and error recomputed when a worker joins or leaves. */
    private final class FinishedWorkers implements Progress {
        private final boolean[] flags = new boolean[order.assignment().workers()];
        private boolean recoverable;
        private double error = 1.0;

        @Override
        public Progress copy() {
            FinishedWorkers c = new FinishedWorkers();
            System.arraycopy(flags, 0, c.flags, 0, flags.length);
            c.recoverable = recoverable;
            c.error = error;
            return c;
        }

        @Override
        public void chunksFinished(int worker, int finishedCount) {
            if (!flags[worker] && finishedCount == order.assignment().load(worker)) {
                flags[worker] = true;
                update();
            }
        }

        @Override
        public void workerFailed(int worker) {
            if (flags[worker]) {
                flags[worker] = false;
                update();
            }
        }

        private void update() {
            recoverable = code.decodingVector(flags).isPresent();
            error = recoverable ? 0.0 : code.normalisedError(code.bestDecodingVector(flags));
        }

        @Override
        public boolean recoverable() {
            return recoverable;
        }

        @Override
        public double normalisedError() {
            return error;
        }

        @Override
        public StateVector broadcast() {
            int[] x = new int[flags.length];
            for (int j = 0; j < x.length; j++) {
                x[j] = flags[j] ? order.assignment().load(j) : 0;
            }
            return StateVector.of(x);
        }
    }
}
