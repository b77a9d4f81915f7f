package dev.cumulus.coding;

/**
 * The coordinator's running view of a round: the state vector and the coverage counts, updated as
 * workers report finished chunks. Mutable and not thread-safe; one per round.
 *
 * <p>It keeps the coverage deficit sum_i (parts - min(parts, c_i)) so that the exact-mode trigger
 * and the approximate-mode error are O(1) after every report.
 */
public final class CoverageTracker {
    private final ChunkOrder order;
    private final int parts;
    private final int[] finished;
    private final int[] counts;
    private int deficit;

    private CoverageTracker(CoverageTracker other) {
        this.order = other.order;
        this.parts = other.parts;
        this.finished = other.finished.clone();
        this.counts = other.counts.clone();
        this.deficit = other.deficit;
    }

    /** A tracker for a round in which nothing is finished yet. */
    public CoverageTracker(ChunkOrder order, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1, got " + parts);
        }
        this.order = order;
        this.parts = parts;
        this.finished = new int[order.assignment().workers()];
        this.counts = new int[order.assignment().chunks()];
        this.deficit = parts * counts.length;
    }

    /**
     * Records that worker j finished its next chunk (the one at position x_j of its order) and
     * returns that chunk.
     *
     * @throws IllegalStateException if the worker has already finished all its chunks
     */
    public int recordNextChunk(int worker) {
        int p = finished[worker];
        if (p >= order.assignment().load(worker)) {
            throw new IllegalStateException("worker " + worker + " already finished all "
                    + order.assignment().load(worker) + " chunks");
        }
        int chunk = order.chunkAt(worker, p);
        finished[worker] = p + 1;
        if (counts[chunk]++ < parts) {
            deficit--;
        }
        return chunk;
    }

    /** Records a progress report "worker j has finished x_j chunks" (counts never go down). */
    public void recordFinishedCount(int worker, int finishedCount) {
        if (finishedCount > order.assignment().load(worker)) {
            throw new IllegalArgumentException("worker " + worker + " reports " + finishedCount
                    + " finished chunks but holds only " + order.assignment().load(worker));
        }
        while (finished[worker] < finishedCount) {
            recordNextChunk(worker);
        }
    }

    /**
     * Records that worker j failed: it can no longer send, so its finished chunks stop counting
     * and its count returns to zero. Its later reports must not be fed (CodedRound refuses them).
     */
    public void recordFailure(int worker) {
        for (int p = 0; p < finished[worker]; p++) {
            int chunk = order.chunkAt(worker, p);
            if (--counts[chunk] < parts) {
                deficit++;
            }
        }
        finished[worker] = 0;
    }

    /** An independent tracker with the same counts. */
    public CoverageTracker copy() {
        return new CoverageTracker(this);
    }

    /** x_j. */
    public int finished(int worker) {
        return finished[worker];
    }

    /** c_i. */
    public int count(int chunk) {
        return counts[chunk];
    }

    /** The exact-mode trigger: min_i c_i >= parts. */
    public boolean complete() {
        return deficit == 0;
    }

    /** sum_i (parts - min(parts, c_i)). */
    public int deficit() {
        return deficit;
    }

    /**
     * The normalised coefficient error of decoding now, deficit / (m parts); equal to
     * {@link PartialStragglerCode#normalisedError} for a generic R.
     */
    public double normalisedError() {
        return (double) deficit / ((double) counts.length * parts);
    }

    /** The current state vector, to broadcast. */
    public StateVector state() {
        return StateVector.of(finished);
    }
}
