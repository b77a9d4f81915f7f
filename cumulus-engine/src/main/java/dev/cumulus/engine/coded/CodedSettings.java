package dev.cumulus.engine.coded;

import dev.cumulus.engine.job.ProtocolSettings;

/**
 * The {@code coded} section of a job, bound.
 *
 * @param strategy partial-work (the partial-straggler code), whole-workers (classic gradient coding
 *     on the same assignment), cyclic-repetition or fractional-repetition (Tandon et al.), wait-for-all
 *     or ignore-stragglers (uncoded)
 * @param assignment cyclic, fractional-repetition or random-regular (partial-work and whole-workers)
 * @param load chunks per worker
 * @param parts l: each worker sends one vector of d / l floats
 * @param order natural, optimal or random: the public order in which a worker processes its chunks
 * @param deadlineMillis approximate mode's deadline per round; 0 for exact mode
 * @param verify whether the coordinator also computes the full gradient directly and reports the
 *     decode error of every round (for tests; it reads every chunk)
 */
public record CodedSettings(String strategy, String assignment, int load, int parts, String order, long deadlineMillis,
        boolean verify) implements ProtocolSettings {
    public static final String PARTIAL_WORK = "partial-work";
    public static final String WHOLE_WORKERS = "whole-workers";
    public static final String CYCLIC_REPETITION = "cyclic-repetition";
    public static final String FRACTIONAL_REPETITION = "fractional-repetition";
    public static final String WAIT_FOR_ALL = "wait-for-all";
    public static final String IGNORE_STRAGGLERS = "ignore-stragglers";

    public boolean exact() {
        return deadlineMillis == 0;
    }
}
