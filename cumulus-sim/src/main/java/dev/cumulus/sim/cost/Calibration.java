package dev.cumulus.sim.cost;

/**
 * The model's parameters fitted to one run, and what they were fitted from. Written beside the run as
 * {@code calibration.json}.
 *
 * @param runId the run
 * @param workers workers of the run
 * @param store its channel
 * @param platformType where its functions ran
 * @param hostCores cores its functions shared (0: a cloud platform)
 * @param rounds synchronisation rounds of the run
 * @param computeSecondsPerRow fitted compute per row and pass, on one full core
 * @param startupSeconds mean start-up of a function
 * @param loadBytesPerSecond chunk bytes read and decoded per second
 * @param channelLatencySeconds fitted time of one request of the channel
 * @param channelBytesPerSecond the channel's bandwidth (from the loads)
 * @param driverSeconds the driver's fixed work, staging excluded
 * @param measuredWallSeconds the run's wall time
 * @param measuredComputeSecondsPerRound mean compute per worker per round
 * @param measuredCommunicationSecondsPerRound mean communication per worker per round (the per-round latency)
 */
public record Calibration(String runId, int workers, Store store, String platformType, int hostCores, long rounds,
        double computeSecondsPerRow, double startupSeconds, double loadBytesPerSecond, double channelLatencySeconds,
        double channelBytesPerSecond, double driverSeconds, double measuredWallSeconds,
        double measuredComputeSecondsPerRound, double measuredCommunicationSecondsPerRound) {

    public Calibration {
        Check.atLeast("workers", workers, 1);
        Check.atLeast("hostCores", hostCores, 0);
        Check.positive("computeSecondsPerRow", computeSecondsPerRow);
        Check.nonNegative("startupSeconds", startupSeconds);
        Check.positive("loadBytesPerSecond", loadBytesPerSecond);
        Check.nonNegative("channelLatencySeconds", channelLatencySeconds);
        Check.positive("channelBytesPerSecond", channelBytesPerSecond);
        Check.nonNegative("driverSeconds", driverSeconds);
        Check.nonNegative("measuredWallSeconds", measuredWallSeconds);
    }

    /** Whether the run's functions shared one machine. */
    public boolean local() {
        return !platformType.equals("lambda");
    }

    /**
     * {@code base} with what this calibration measured: compute, decoding, the driver, its channel's latency
     * and bandwidth, and, if {@code asCalibrated}, its platform (start-up, and the cores its functions shared)
     * rather than base's.
     */
    public ModelParameters applyTo(ModelParameters base, boolean asCalibrated) {
        ChannelParameters old = base.channel(store);
        ChannelParameters channel = new ChannelParameters(channelLatencySeconds, channelBytesPerSecond,
                Math.max(channelBytesPerSecond, old.aggregateBytesPerSecond()), old.requestsInFlight(),
                old.aggregateRequestsPerSecond());
        ModelParameters p = base.withCompute(computeSecondsPerRow, driverSeconds, loadBytesPerSecond)
                .withChannel(store, channel);
        if (asCalibrated) {
            p = p.withFunctions(local()
                    ? FunctionParameters.local(startupSeconds, hostCores)
                    : new FunctionParameters(startupSeconds, base.functions().burstFunctions(),
                            base.functions().functionsPerSecond(), base.functions().fullCoreMemoryMb(), 0));
        } else if (!local()) {
            FunctionParameters f = base.functions();
            p = p.withFunctions(new FunctionParameters(startupSeconds, f.burstFunctions(), f.functionsPerSecond(),
                    f.fullCoreMemoryMb(), f.hostCores()));
        }
        return p;
    }
}
