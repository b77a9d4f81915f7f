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
 * @param serverLatencySeconds fitted time of one call to the run's parameter server (pattern parameter-server);
 *     NaN if the run exchanged through its store
 */
public record Calibration(String runId, int workers, Store store, String platformType, int hostCores, long rounds,
        double computeSecondsPerRow, double startupSeconds, double loadBytesPerSecond, double channelLatencySeconds,
        double channelBytesPerSecond, double driverSeconds, double measuredWallSeconds,
        double measuredComputeSecondsPerRound, double measuredCommunicationSecondsPerRound,
        double serverLatencySeconds) {

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
        if (!Double.isNaN(serverLatencySeconds)) {
            Check.nonNegative("serverLatencySeconds", serverLatencySeconds);
        }
    }

    /** Whether the run's workers exchanged through a parameter server (whose latency was fitted). */
    public boolean parameterServer() {
        return !Double.isNaN(serverLatencySeconds);
    }

    /**
     * The calibration of repeats of one run: each fitted and measured number is the median of the repeats',
     * so that a repeat a busy machine slowed in one phase (its start-up, its driver, its rounds) does not move
     * the constants. The repeats must share workers, store, platform and cores.
     *
     * @throws InvalidParameterException naming the field in which two repeats differ
     */
    public static Calibration median(java.util.List<Calibration> repeats) {
        if (repeats.isEmpty()) {
            throw new InvalidParameterException("calibrations", "No calibration to take the median of");
        }
        Calibration first = repeats.get(0);
        for (Calibration c : repeats) {
            same("workers", first.workers, c.workers);
            same("store", first.store, c.store);
            same("platform", first.platformType, c.platformType);
            same("hostCores", first.hostCores, c.hostCores);
            same("rounds", first.rounds, c.rounds);
            same("serverLatencySeconds (a parameter server or none)", first.parameterServer(), c.parameterServer());
        }
        String ids = repeats.size() == 1 ? first.runId
                : "median of " + String.join(",", repeats.stream().map(Calibration::runId).toList());
        return new Calibration(ids, first.workers, first.store, first.platformType, first.hostCores, first.rounds,
                median(repeats, Calibration::computeSecondsPerRow), median(repeats, Calibration::startupSeconds),
                median(repeats, Calibration::loadBytesPerSecond), median(repeats, Calibration::channelLatencySeconds),
                median(repeats, Calibration::channelBytesPerSecond), median(repeats, Calibration::driverSeconds),
                median(repeats, Calibration::measuredWallSeconds),
                median(repeats, Calibration::measuredComputeSecondsPerRound),
                median(repeats, Calibration::measuredCommunicationSecondsPerRound),
                first.parameterServer() ? median(repeats, Calibration::serverLatencySeconds) : Double.NaN);
    }

    private static void same(String field, Object a, Object b) {
        if (!a.equals(b)) {
            throw new InvalidParameterException(field, "Calibrations of different runs cannot be combined: " + field
                    + " " + a + " and " + b);
        }
    }

    /** The median (the mean of the middle two for an even count). */
    private static double median(java.util.List<Calibration> repeats,
            java.util.function.ToDoubleFunction<Calibration> field) {
        double[] v = repeats.stream().mapToDouble(field).sorted().toArray();
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /**
     * A store's parameters with a fitted latency and bandwidth; what one worker cannot exceed, the store as a
     * whole serves at least; the requests in flight and the aggregate request rate stay {@code old}'s.
     */
    static ChannelParameters fitted(ChannelParameters old, double latencySeconds, double bytesPerSecond) {
        return new ChannelParameters(latencySeconds, bytesPerSecond,
                Math.max(bytesPerSecond, old.aggregateBytesPerSecond()), old.requestsInFlight(),
                old.aggregateRequestsPerSecond());
    }

    /** Whether the run's functions shared one machine. */
    public boolean local() {
        return !platformType.equals("lambda");
    }

    /**
     * {@code base} with what this calibration measured: compute, decoding, the driver, its channel's latency
     * and bandwidth, its parameter server's latency if it had one, and, if {@code asCalibrated}, its platform (start-up, and the cores its functions shared)
     * rather than base's.
     */
    public ModelParameters applyTo(ModelParameters base, boolean asCalibrated) {
        ChannelParameters channel = fitted(base.channel(store), channelLatencySeconds, channelBytesPerSecond);
        ModelParameters p = base.withCompute(computeSecondsPerRow, driverSeconds, loadBytesPerSecond)
                .withChannel(store, channel);
        if (parameterServer()) {
            ChannelParameters s = base.parameterServer();
            p = p.withParameterServer(new ChannelParameters(serverLatencySeconds, s.bytesPerSecond(),
                    s.aggregateBytesPerSecond(), s.requestsInFlight(), s.aggregateRequestsPerSecond()));
        }
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
