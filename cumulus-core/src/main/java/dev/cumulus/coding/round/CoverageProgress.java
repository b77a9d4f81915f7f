package dev.cumulus.coding.round;

import dev.cumulus.coding.ChunkOrder;
import dev.cumulus.coding.CoverageTracker;
import dev.cumulus.coding.EncodingMatrix;
import dev.cumulus.coding.StateVector;

/** Coverage counts of the partial-straggler code, of every finished chunk or of whole workers only. */
final class CoverageProgress implements Progress {
    private final ChunkOrder order;
    private final CoverageTracker tracker;
    private final boolean wholeWorkersOnly;

    CoverageProgress(ChunkOrder order, int parts, boolean wholeWorkersOnly) {
        this(order, new CoverageTracker(order, parts), wholeWorkersOnly);
    }

    private CoverageProgress(ChunkOrder order, CoverageTracker tracker, boolean wholeWorkersOnly) {
        this.order = order;
        this.tracker = tracker;
        this.wholeWorkersOnly = wholeWorkersOnly;
    }

    @Override
    public Progress copy() {
        return new CoverageProgress(order, tracker.copy(), wholeWorkersOnly);
    }

    @Override
    public void chunksFinished(int worker, int finishedCount) {
        if (!wholeWorkersOnly) {
            tracker.recordFinishedCount(worker, finishedCount);
        } else if (finishedCount == order.assignment().load(worker)) {
            tracker.recordFinishedCount(worker, finishedCount);
        }
    }

    @Override
    public void workerFailed(int worker) {
        tracker.recordFailure(worker);
    }

    @Override
    public boolean recoverable() {
        return tracker.complete();
    }

    @Override
    public double normalisedError() {
        return tracker.normalisedError();
    }

    @Override
    public StateVector broadcast() {
        return tracker.state();
    }

    /** D[k][j] = R[k][j] for every worker that finished something, 0 otherwise. */
    static double[][] decoding(EncodingMatrix r, StateVector x) {
        if (x.workers() != r.workers()) {
            throw new IllegalArgumentException("state vector has " + x.workers() + " workers, R has " + r.workers()
                    + " columns");
        }
        double[][] d = new double[r.parts()][r.workers()];
        for (int j = 0; j < r.workers(); j++) {
            if (x.finished(j) > 0) {
                for (int k = 0; k < r.parts(); k++) {
                    d[k][j] = r.get(k, j);
                }
            }
        }
        return d;
    }
}
