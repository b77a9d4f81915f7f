package dev.cumulus.engine.protocol;

/** How a worker invocation ended. */
public enum WorkerOutcome {
    /** The worker's part of the run is complete. */
    FINISHED,
    /** The time limit was near: the worker checkpointed and its successor continues. */
    HANDED_OVER
}
