package dev.cumulus.sim.gc;

/**
 * One simulated round, every scheme on the same sampled delays. Times are in chunk-time units and
 * infinite when the scheme never completes (failed workers); errors are normalised MSE, one per
 * deadline.
 *
 * @param waitForAll       uncoded, waiting for every worker
 * @param classic          classic gradient coding: only fully finished workers count
 * @param partial          partial work used (the exact-mode trigger)
 * @param ignoreStragglers uncoded, chunks of unfinished workers dropped, error per deadline
 * @param classicError     classic, best decoder over the finished workers, error per deadline
 * @param partialError     partial work used, error per deadline
 */
public record TrialResult(double waitForAll, double classic, double partial, double[] ignoreStragglers,
                          double[] classicError, double[] partialError) {
}
