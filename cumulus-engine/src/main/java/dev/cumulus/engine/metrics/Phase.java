package dev.cumulus.engine.metrics;

/** What a worker spends a stretch of time on; the run report breaks wall time down by these. */
public enum Phase {
    /** From the invocation until the worker is ready to load data (cold start, set-up). */
    STARTUP,
    /** Reading the worker's chunks from the channel and decoding them. */
    LOAD,
    /** Gradients, local models, updates. */
    COMPUTE,
    /** Moving and reducing data through the channel: puts, reads, sums, deletes. */
    COMMUNICATE,
    /**
     * Blocked in an exchange for a value another worker has not written yet (the memory channel's
     * parking, a polling store's pauses): waiting for peers, not moving data. Recorded inside a
     * communication span, which it splits.
     */
    WAIT
}
