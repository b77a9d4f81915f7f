package dev.cumulus.sim.cost;

import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.TimelineEvent;

/**
 * Fits the cost model's parameters to a run: compute per row from the compute stretches, the channel's
 * bandwidth from the loads and its per-request latency from the rounds' communication, start-up from the
 * start-up stretches, and the driver's fixed work from what the timeline does not cover. Pure.
 */
public final class Calibrator {
    private Calibrator() {
    }

    /**
     * The calibration of {@code run}, whose job has {@code shape}.
     *
     * @param defaults the parameters to fall back on where the run measured nothing (such as a load too fast to
     *     time)
     */
    public static Calibration fit(JobShape shape, RunMeasurements run, ModelParameters defaults) {
        JobShape job = shape.withEpochs(run.epochsRun());
        int n = Math.max(1, run.workers());
        long rounds = job.rounds(n);
        double sharing = run.local() && run.hostCores() > 0 ? Math.max(1.0, (double) n / run.hostCores()) : 1.0;
        // Per full core: a local run's workers shared the host's cores; a function's CPU follows its memory.
        FunctionParameters platform = run.local() ? FunctionParameters.local(0, run.hostCores()) : defaults.functions();
        double slowdown = platform.computeSlowdown(n, job.memoryMb());

        double computePerWorker = total(run, Phase.COMPUTE) / n;
        // The model's communication is a round's exchange as a worker lives it, waits for peers included
        // (timelines split them off as WAIT; older ones have none).
        double communicationPerWorker = (total(run, Phase.COMMUNICATE) + total(run, Phase.WAIT)) / n;
        double startup = total(run, Phase.STARTUP) / count(run, Phase.STARTUP);

        double computePerRow = computePerWorker / (rounds * job.rowsPerRound(n)) / slowdown;
        if (!(computePerRow > 0)) {
            computePerRow = defaults.computeSecondsPerRow();
        }

        double loadSeconds = total(run, Phase.LOAD);
        double loadBytes = bytes(run, Phase.LOAD);
        double loadBandwidth = loadSeconds > 0 && loadBytes > 0 ? loadBytes / loadSeconds : defaults.loadBytesPerSecond();

        // A load reads a chunk and decodes its rows: its rate is at most the store's bandwidth, and on one host
        // (a loopback store) far below it, as decoding rows is the slow part. The rounds move raw floats, so they
        // are charged at the store's own bandwidth there; charged at the loads' rate, the reducer's 2(N-1)·d bytes
        // cost 10-20 times what they do and the rounds seem to grow with N (docs/COST-MODEL.md). On a cloud
        // platform the loads are network-bound, and their rate is the store's bandwidth.
        double storeBandwidth = run.local()
                ? Math.max(loadBandwidth, ChannelParameters.loopbackBytesPerSecond(run.store())) : loadBandwidth;

        // Per round, per worker: the round's request latencies times L plus the time of its bytes, time-sliced
        // on a shared host, exactly as CostModel has it with the fitted bandwidth. A parameter server's calls are
        // fitted as its own latency, at its own bandwidth; the store's, at the store's.
        ChannelParameters base = defaults.channel(run.store());
        ChannelParameters exchange = job.parameterServer() ? defaults.parameterServer()
                : Calibration.fitted(base, 0, storeBandwidth);
        double perRound = communicationPerWorker / rounds / (job.parameterServer() ? 1.0 : sharing);
        long latencies = CostModel.latenciesPerRound(job, n, exchange);
        double latency = Math.max(0, (perRound - CostModel.transferSeconds(job, n, exchange)) / latencies);
        double storeLatency = job.parameterServer() ? base.latencySeconds() : latency;

        double first = run.events().stream().mapToLong(TimelineEvent::startMicros).min().orElse(0) / 1e6;
        double last = run.events().stream().mapToLong(TimelineEvent::endMicros).max().orElse(0) / 1e6;
        double staging = new ChannelParameters(storeLatency, storeBandwidth, Double.POSITIVE_INFINITY,
                base.requestsInFlight(), Double.POSITIVE_INFINITY).batchSeconds(n, n * job.chunkBytes(n));
        double driver = Math.max(0, first + Math.max(0, run.wallSeconds() - last) - staging);

        return new Calibration(run.runId(), n, run.store(), run.platformType(), run.local() ? run.hostCores() : 0,
                rounds, computePerRow, startup, loadBandwidth, storeLatency, storeBandwidth, driver, run.wallSeconds(),
                computePerWorker / rounds, communicationPerWorker / rounds,
                job.parameterServer() ? latency : Double.NaN);
    }

    private static double total(RunMeasurements run, Phase phase) {
        return run.events().stream().filter(e -> e.phase() == phase).mapToLong(TimelineEvent::durationMicros).sum()
                / 1e6;
    }

    private static double bytes(RunMeasurements run, Phase phase) {
        return run.events().stream().filter(e -> e.phase() == phase).mapToLong(TimelineEvent::bytes).sum();
    }

    private static long count(RunMeasurements run, Phase phase) {
        return Math.max(1, run.events().stream().filter(e -> e.phase() == phase).count());
    }
}
