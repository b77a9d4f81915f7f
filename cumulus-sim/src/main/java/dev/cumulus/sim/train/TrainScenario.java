package dev.cumulus.sim.train;

import dev.cumulus.sim.cost.CostModel;
import dev.cumulus.sim.cost.Deployment;
import dev.cumulus.sim.cost.InvalidParameterException;
import dev.cumulus.sim.cost.JobShape;
import dev.cumulus.sim.straggler.StragglerModel;
import java.util.Objects;
import java.util.Optional;

/**
 * A training job to play in virtual time: its shape, where it runs, the cost model that gives each round's
 * mean computation and its communication, and how the workers' computation varies.
 *
 * @param job the job's shape
 * @param deployment functions or VMs, workers, store
 * @param model the calibrated (or default) cost model
 * @param stragglers how each worker's computation in a round varies (its chunk-time distribution is scaled to
 *     the model's mean; per-worker slowdowns and slow and failed fractions apply); empty: every round takes
 *     exactly the model's mean
 * @param rounds rounds to play (the job's own count, or fewer to sample a long job)
 * @param restartSeconds what a failed worker adds to the round it fails in: detection, a new function's
 *     start-up and load, the lost computation
 * @param seed seed of every draw
 */
public record TrainScenario(JobShape job, Deployment deployment, CostModel model, Optional<StragglerModel> stragglers,
        long rounds, double restartSeconds, long seed) {

    public TrainScenario {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(stragglers, "stragglers");
        if (rounds < 1) {
            throw new InvalidParameterException("rounds", "Invalid value " + rounds + " for rounds: expected at least 1");
        }
        if (!(restartSeconds >= 0) || Double.isInfinite(restartSeconds)) {
            throw new InvalidParameterException("restartSeconds", "Invalid value " + restartSeconds
                    + " for restartSeconds: expected a finite number at least 0");
        }
        if (job.minChunkRows(deployment.workers()) < 1) {
            throw new InvalidParameterException("workers", deployment.workers() + " workers for only "
                    + job.trainRows() + " training rows; every worker needs at least one row");
        }
    }

    /** The job's own number of rounds. */
    public static TrainScenario ofJob(JobShape job, Deployment deployment, CostModel model,
            Optional<StragglerModel> stragglers, double restartSeconds, long seed) {
        return new TrainScenario(job, deployment, model, stragglers, job.rounds(deployment.workers()), restartSeconds,
                seed);
    }
}
