package dev.cumulus.sim.cost;

/**
 * A predicted run: where its time goes (seconds on the critical path) and what it costs.
 *
 * @param rounds synchronisation rounds (steps) of the job
 * @param driverSeconds the driver's work before and after the workers, staging included
 * @param startupSeconds until the last worker runs (cold starts, the platform's scaling; VM boot)
 * @param loadSeconds reading and decoding the largest chunk
 * @param computeSeconds the critical path's computation, all rounds
 * @param communicationSeconds the critical path's exchanges, all rounds
 * @param workerSeconds how long each worker runs (billed time: start-up, load and training)
 * @param platformUsd function GB-seconds and requests, or instance time
 * @param storeUsd the store's requests, request units or node-hours
 * @param serverUsd the parameter server's instance for the wall time (pattern parameter-server; else 0)
 */
public record Prediction(Deployment deployment, long rounds, double driverSeconds, double startupSeconds,
        double loadSeconds, double computeSeconds, double communicationSeconds, double workerSeconds,
        double platformUsd, double storeUsd, double serverUsd) {

    /** From the start of the driver to the evaluated model. */
    public double wallSeconds() {
        return driverSeconds + startupSeconds + loadSeconds + computeSeconds + communicationSeconds;
    }

    public double totalUsd() {
        return platformUsd + storeUsd + serverUsd;
    }

    /**
     * Whether one worker's decoded chunk fits in a function's memory (a VM is taken to have room). A row in
     * memory takes about what it takes staged; half the memory is left to the JVM, the model and the buffers.
     */
    public boolean fits(JobShape job) {
        return deployment.platform() == Deployment.Platform.VMS
                || job.chunkBytes(deployment.workers()) <= job.memoryMb() * 1024.0 * 1024.0 / 2;
    }
}
