package dev.cumulus.engine.job;

/**
 * A protocol's own section of a job, bound into a record by the protocol when the job is read.
 * Implementations are immutable records that Jackson can write and read, since they travel to
 * every function in its invocation payload.
 */
public interface ProtocolSettings {
    /** Whether each step uses every worker's whole chunk, so that the batch size does not apply. */
    default boolean fullBatch() {
        return false;
    }

    /**
     * The learning-rate schedule when the job names none: cosine, so that the last epochs settle into the
     * minimum instead of circling it; a protocol whose steps call for another overrides it.
     */
    default String defaultSchedule() {
        return "cosine";
    }
}
