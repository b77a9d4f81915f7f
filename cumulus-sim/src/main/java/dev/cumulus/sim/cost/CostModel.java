package dev.cumulus.sim.cost;

import dev.cumulus.sim.cost.Deployment.Platform;
import dev.cumulus.sim.cost.JobShape.Sync;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * LambdaML's analytical model of a training job on functions and on VMs, in closed form: wall time is the
 * driver's work, start-up, loading, and R rounds of computation and communication; cost is the platform's
 * time (GB-seconds and requests, or instance-seconds) plus the store's charges. Pure: the same inputs give the
 * same prediction. The equations are in docs/COST-MODEL.md.
 */
public final class CostModel {
    private final ModelParameters parameters;
    private final Prices prices;

    public CostModel(ModelParameters parameters, Prices prices) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.prices = Objects.requireNonNull(prices, "prices");
    }

    public ModelParameters parameters() {
        return parameters;
    }

    /** Every combination of worker counts and function stores, then VMs for each worker count. */
    public List<Prediction> sweep(JobShape job, List<Integer> workerCounts, List<Store> stores, boolean vms) {
        List<Prediction> predictions = new ArrayList<>();
        for (Store store : stores) {
            for (int n : workerCounts) {
                predictions.add(predict(job, Deployment.functions(n, store)));
            }
        }
        if (vms) {
            for (int n : workerCounts) {
                predictions.add(predict(job, Deployment.vms(n)));
            }
        }
        return predictions;
    }

    public Prediction predict(JobShape job, Deployment deployment) {
        return deployment.platform() == Platform.FUNCTIONS ? functions(job, deployment) : vms(job, deployment);
    }

    /** Seconds of computation in one round on the critical path (the largest chunk's share of rows). */
    public double computeSecondsPerRound(JobShape job, Deployment deployment) {
        double slowdown = deployment.platform() == Platform.FUNCTIONS
                ? parameters.functions().computeSlowdown(deployment.workers(), job.memoryMb()) : 1.0;
        return job.rowsPerRound(deployment.workers()) * parameters.computeSecondsPerRow() * slowdown;
    }

    /**
     * Seconds of communication in one round (BSP: the collective and the round's checkpoints; ASP: one step;
     * the parameter server: a pull and a push). On one host with fewer cores than workers an exchange through
     * the store is time-sliced like the computation: every request is work on the same cores (the clients' coding and
     * wake-ups, and a local store's server), and measured rounds here take about N/cores times as long once N
     * passes the cores (docs/COST-MODEL.md).
     */
    public double communicationSecondsPerRound(JobShape job, Deployment deployment) {
        int n = deployment.workers();
        if (deployment.platform() == Platform.VMS) {
            return parameters.vms().allReduceSeconds(n, job.messageBytes());
        }
        ChannelParameters channel = exchangeParameters(job, deployment.store());
        double round = roundSeconds(job, n, channel);
        // A parameter server's calls wait on the server (its journal written per push, its network stack), not
        // on the workers' cores: measured here, its rounds took 1.0-1.5 times as long with 4 workers as with 2,
        // where rounds through a store took twice as long (docs/COST-MODEL.md).
        return job.parameterServer() ? round : round * hostSharing(n);
    }

    /** Where a job's rounds go: the parameter server, or the deployment's store. */
    public ChannelParameters exchangeParameters(JobShape job, Store store) {
        return job.parameterServer() ? parameters.parameterServer() : parameters.channel(store);
    }

    /**
     * Request latencies on a round's critical path: the collective's waves and one checkpoint put (BSP), a read
     * and a read-modify-write (ASP), or a pull and a push (the parameter server). The calibration divides the
     * measured communication by the same count.
     */
    public static long latenciesPerRound(JobShape job, int workers, ChannelParameters channel) {
        if (job.parameterServer()) {
            return 2;
        }
        if (job.sync() == Sync.ASP) {
            return 3;
        }
        return RoundTraffic.latencyWaves(job.pattern(), workers, channel) + (job.checkpointWriters(workers) > 0 ? 1 : 0);
    }

    /** Bytes the busiest worker moves in a round (what the calibration divides by the bandwidth). */
    public static double criticalBytesPerRound(JobShape job, int workers) {
        if (job.parameterServer()) {
            return 2 * job.messageBytes();
        }
        if (job.sync() == Sync.ASP) {
            return 3 * job.messageBytes();
        }
        return RoundTraffic.criticalBytes(job.pattern(), workers, job.messageBytes())
                + (job.checkpointWriters(workers) > 0 ? checkpointBytes(job) : 0);
    }

    /**
     * Seconds of one round's exchange, before a shared host's time-slicing: the parameter server's pull and push;
     * an ASP step; or the BSP collective and the round's checkpoint (a put on the critical path, N of them through
     * the store when every worker writes its own).
     */
    public static double roundSeconds(JobShape job, int n, ChannelParameters channel) {
        if (job.parameterServer()) {
            return RoundTraffic.serverStepSeconds(n, job.messageBytes(), channel);
        }
        if (job.sync() == Sync.ASP) {
            return RoundTraffic.aspStepSeconds(n, job.messageBytes(), channel);
        }
        double collective = RoundTraffic.collectiveSeconds(job.pattern(), n, job.messageBytes(), channel);
        int writers = job.checkpointWriters(n);
        return writers == 0 ? collective : collective + channel.latencySeconds() + checkpointTransferSeconds(job, n, channel);
    }

    /**
     * Seconds of a round's critical path apart from its latencies: the busiest worker's bytes and the checkpoint's
     * (the server's calls: with the group's calls through its aggregate limits, as {@link RoundTraffic#serverStepSeconds}
     * adds them). The calibration subtracts this from the measured round and divides the rest by
     * {@link #latenciesPerRound}: it takes the critical path, not the store's aggregate limits, to have bound the
     * calibrated round, as it does for a few workers.
     */
    public static double transferSeconds(JobShape job, int n, ChannelParameters channel) {
        if (job.parameterServer()) {
            return RoundTraffic.serverStepSeconds(n, job.messageBytes(), channel) - 2 * channel.latencySeconds();
        }
        if (job.sync() == Sync.ASP) {
            return 3 * job.messageBytes() / channel.bytesPerSecond();
        }
        double collective = RoundTraffic.criticalBytes(job.pattern(), n, job.messageBytes()) / channel.bytesPerSecond();
        return job.checkpointWriters(n) == 0 ? collective : collective + checkpointTransferSeconds(job, n, channel);
    }

    /** The checkpoint's bytes: one put's at the worker's bandwidth, or all writers' through the store's aggregate. */
    private static double checkpointTransferSeconds(JobShape job, int n, ChannelParameters channel) {
        return Math.max(checkpointBytes(job) / channel.bytesPerSecond(),
                job.checkpointWriters(n) * checkpointBytes(job) / channel.aggregateBytesPerSecond());
    }

    private static double checkpointBytes(JobShape job) {
        return job.checkpointFloats() * (double) Float.BYTES;
    }

    /** How many workers share each core of one host (1 on a cloud platform or with enough cores). */
    private double hostSharing(int workers) {
        int cores = parameters.functions().hostCores();
        return cores > 0 ? Math.max(1.0, (double) workers / cores) : 1.0;
    }

    private Prediction functions(JobShape job, Deployment d) {
        int n = d.workers();
        ChannelParameters channel = parameters.channel(d.store());
        FunctionParameters platform = parameters.functions();
        long rounds = job.rounds(n);
        double compute = rounds * computeSecondsPerRound(job, d);
        double communication = rounds * communicationSecondsPerRound(job, d) + publishSeconds(job, d);
        double startup = platform.startupSeconds(n);
        double load = load(job, n, channel);
        double driver = driver(job, n, channel);
        // Early functions wait for late ones at the first round: on average half of the platform's queue.
        double billedStartup = platform.coldStartSeconds() + (startup - platform.coldStartSeconds()) / 2;
        double workerSeconds = billedStartup + load + compute + communication;
        double platformUsd = platformUsd(job, d, workerSeconds);
        double wall = driver + startup + load + compute + communication;
        double storeUsd = storeUsd(job, d, rounds, wall);
        return new Prediction(d, rounds, driver, startup, load, compute, communication, workerSeconds, platformUsd,
                storeUsd, serverUsd(job, d, wall));
    }

    private Prediction vms(JobShape job, Deployment d) {
        int n = d.workers();
        VmParameters vm = parameters.vms();
        ChannelParameters s3 = parameters.channel(Store.S3);
        long rounds = job.rounds(n);
        double compute = rounds * computeSecondsPerRound(job, d);
        double communication = rounds * communicationSecondsPerRound(job, d);
        double load = s3.latencySeconds() + job.chunkBytes(n)
                / Math.min(vm.loadBytesPerSecond(), parameters.loadBytesPerSecond());
        double driver = driver(job, n, s3);
        double workerSeconds = vm.bootSeconds() + load + compute + communication;
        double platformUsd = platformUsd(job, d, workerSeconds);
        double storeUsd = storeUsd(job, d, rounds, driver + vm.bootSeconds() + load + compute + communication);
        return new Prediction(d, rounds, driver, vm.bootSeconds(), load, compute, communication, workerSeconds,
                platformUsd, storeUsd, 0);
    }

    private double load(JobShape job, int n, ChannelParameters channel) {
        return channel.latencySeconds()
                + job.chunkBytes(n) / Math.min(channel.bytesPerSecond(), parameters.loadBytesPerSecond());
    }

    /** The driver's fixed work plus staging every chunk through one client. */
    private double driver(JobShape job, int n, ChannelParameters channel) {
        double staged = n * job.chunkBytes(n);
        return parameters.driverSeconds() + channel.batchSeconds(n, staged);
    }

    /**
     * Dollars for the platform when each of the deployment's workers runs {@code workerSeconds}: GB-seconds and
     * requests (a worker longer than the time limit invokes successors), or instance time.
     */
    public double platformUsd(JobShape job, Deployment d, double workerSeconds) {
        int n = d.workers();
        if (d.platform() == Platform.VMS) {
            return prices.ec2().costUsd(n, Duration.ofNanos((long) Math.ceil(workerSeconds * 1e9)));
        }
        long invocationsEach = Math.max(1, (long) Math.ceil(workerSeconds / job.timeoutSeconds()));
        double gbSeconds = (double) n * job.memoryMb() / 1024.0 * workerSeconds;
        return gbSeconds * prices.lambda().usdPerGbSecond() + (double) n * invocationsEach * prices.lambda().usdPerRequest();
    }

    /** Seconds rank 0 spends publishing the trained model after the last round (functions only). */
    public double publishSeconds(JobShape job, Deployment d) {
        return d.platform() == Platform.VMS ? 0
                : RoundTraffic.putSeconds(job.modelBytes(), parameters.channel(d.store()));
    }

    /**
     * Dollars for the parameter server's instance, up for the whole job of {@code wallSeconds} (started by the
     * driver before the functions, stopped after them), billed per second with the table's minimum; 0 without
     * one. VMs exchange directly and need none.
     */
    public double serverUsd(JobShape job, Deployment d, double wallSeconds) {
        if (!job.parameterServer() || d.platform() == Platform.VMS) {
            return 0;
        }
        return prices.server(job.serverInstanceType()).costUsd(Duration.ofNanos((long) Math.ceil(wallSeconds * 1e9)));
    }

    /**
     * Dollars for the store of a job of {@code rounds} rounds lasting {@code wallSeconds}: S3 requests, DynamoDB
     * request units, ElastiCache node time; VMs read their chunks from S3 once.
     */
    public double storeUsd(JobShape job, Deployment d, long rounds, double wallSeconds) {
        StorePrices p = prices.stores();
        int n = d.workers();
        if (d.platform() == Platform.VMS) {
            return n * (p.s3UsdPerPut() + p.s3UsdPerGet());
        }
        return switch (d.store()) {
            case MEMORY, FILE -> 0.0;
            case REDIS, MEMCACHED -> p.elastiCacheUsd(wallSeconds);
            case S3 -> {
                Counts c = counts(job, n, rounds);
                yield c.puts * p.s3UsdPerPut() + c.gets * p.s3UsdPerGet();
            }
            case DYNAMODB -> {
                Counts c = counts(job, n, rounds);
                yield c.writeUnits * p.dynamoUsdPerWriteUnit() + c.readUnits * p.dynamoUsdPerReadUnit();
            }
        };
    }

    /** Requests and DynamoDB request units of the whole job: staging, loading, rounds, checkpoints, the model. */
    static Counts counts(JobShape job, int n, long rounds) {
        double chunk = job.chunkBytes(n);
        double checkpoint = checkpointBytes(job);
        Counts c = new Counts();
        c.add(n, chunk, n, chunk);
        if (job.parameterServer()) {
            // The model lives on the server: the store sees each worker's progress checkpoint once an epoch
            // (a few bytes) and its loss curve at the end, which rank 0 reads.
            c.add((double) n * job.epochs(), 64, 0, 0);
            c.add(n, 64 * job.epochs(), n, 64 * job.epochs());
        } else if (job.sync() == Sync.ASP) {
            // Per step: one read, then a read and a write of the shared model.
            c.add(rounds * n, checkpoint, 2 * rounds * n, checkpoint);
        } else {
            RoundTraffic.Requests r = RoundTraffic.requests(job.pattern(), n, job.messageBytes(), job.messageFloats());
            c.add(rounds * r.puts(), r.bytesPerPut(), rounds * r.gets(), r.bytesPerGet());
            c.add((double) rounds * job.checkpointWriters(n), checkpoint, 0, 0);
        }
        c.add(1, job.modelBytes(), 1, job.modelBytes());
        return c;
    }

    /** Running totals of requests and request units. */
    static final class Counts {
        double puts;
        double gets;
        double writeUnits;
        double readUnits;

        void add(double putCount, double bytesPerPut, double getCount, double bytesPerGet) {
            puts += putCount;
            gets += getCount;
            writeUnits += putCount * Math.max(1, Math.ceil(bytesPerPut / 1024));
            readUnits += getCount * Math.max(1, Math.ceil(bytesPerGet / 4096));
        }
    }
}
