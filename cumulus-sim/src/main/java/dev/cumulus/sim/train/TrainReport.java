package dev.cumulus.sim.train;

/**
 * What a simulated job took and cost.
 *
 * @param rounds rounds played
 * @param fixedSeconds the driver, start-up and loading, before the first round (from the cost model)
 * @param trainingSeconds from the first round's start to the last worker's end (the model published)
 * @param meanComputeSeconds computation per worker, mean over workers
 * @param meanCommunicationSeconds communication per worker, mean over workers
 * @param meanWaitSeconds time a worker waited at BSP barriers for slower ones, mean over workers
 * @param slowestRoundSeconds the longest round (BSP) or step (ASP)
 * @param restarts workers that failed and were re-invoked
 * @param platformUsd functions' GB-seconds and requests, or instance time, for every worker's own lifetime; with
 *     a parameter server, its instance for the whole job too
 * @param storeUsd the store's charges
 * @param closedFormTrainingSeconds the closed form's training time for the same rounds: without variation, or
 *     with independent draws only (BSP: the expected maximum of N draws; ASP: the mean); NaN otherwise
 * @param elapsedMillis real time the simulation took
 */
public record TrainReport(long rounds, double fixedSeconds, double trainingSeconds, double meanComputeSeconds,
        double meanCommunicationSeconds, double meanWaitSeconds, double slowestRoundSeconds, int restarts,
        double platformUsd, double storeUsd, double closedFormTrainingSeconds, long elapsedMillis) {

    public double wallSeconds() {
        return fixedSeconds + trainingSeconds;
    }

    public double totalUsd() {
        return platformUsd + storeUsd;
    }
}
