package dev.cumulus.engine.protocol;

/**
 * Decides when a worker must stop and hand over to its successor: when the time left would no
 * longer cover a few more of the slowest steps seen so far plus a fixed reserve for writing the
 * checkpoint and the timeline and invoking the successor.
 */
public final class HandoffPolicy {
    /** Time kept for the hand-over itself: checkpoint, timeline, successor invocation. */
    static final long RESERVE_MILLIS = 800;
    private final Deadline deadline;
    private long slowestStepNanos;

    public HandoffPolicy(Deadline deadline) {
        this.deadline = deadline;
    }

    /** Records how long one step (compute and exchange) took. */
    public void stepTook(long nanos) {
        slowestStepNanos = Math.max(slowestStepNanos, nanos);
    }

    public boolean mustHandOver() {
        long marginMillis = RESERVE_MILLIS + 3 * slowestStepNanos / 1_000_000;
        return deadline.remainingMillis() < marginMillis;
    }
}
