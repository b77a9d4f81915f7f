package dev.cumulus.engine.metrics;

/** What a worker spends a stretch of time on; the run report breaks wall time down by these. */
public enum Phase {
    /** From the invocation until the worker is ready to load data (cold start, set-up). */
    STARTUP,
    /** Reading the worker's chunks from the channel and decoding them. */
    LOAD,
    /** Gradients, local models, updates. */
    COMPUTE,
    /** Exchanging through the channel, including waiting for other workers. */
    COMMUNICATE
}
