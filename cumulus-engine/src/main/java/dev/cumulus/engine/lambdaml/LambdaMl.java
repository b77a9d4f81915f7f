package dev.cumulus.engine.lambdaml;

import static dev.cumulus.config.Validator.any;
import static dev.cumulus.config.Validator.between;
import static dev.cumulus.config.Validator.greaterThan;
import static dev.cumulus.config.Validator.oneOf;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.config.ConfigKey;
import dev.cumulus.config.ValueType;
import dev.cumulus.data.chunk.ChunkCodec;
import dev.cumulus.data.chunk.Partitioner;
import dev.cumulus.engine.job.Job;
import dev.cumulus.engine.job.JobSpec;
import dev.cumulus.engine.job.ProtocolSettings;
import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.protocol.Collected;
import dev.cumulus.engine.protocol.Launch;
import dev.cumulus.engine.protocol.Protocol;
import dev.cumulus.engine.protocol.RoleContext;
import dev.cumulus.engine.protocol.RunKeys;
import dev.cumulus.engine.protocol.RunSetup;
import dev.cumulus.engine.protocol.WorkerOutcome;
import dev.cumulus.model.kmeans.KMeans;
import dev.cumulus.ps.ServerAddress;
import dev.cumulus.runtime.billing.PriceTable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * LambdaML's storage-channel training (SIGMOD 2021): N identical workers, each with one chunk of
 * the data, exchanging gradients or statistics through the channel with AllReduce or
 * ScatterReduce, in bulk-synchronous or asynchronous steps.
 */
public final class LambdaMl implements Protocol {
    static final String WORKER = "worker";
    static final String MIN_CHUNK_ROWS = "minChunkRows";
    static final String TRAIN_ROWS = "trainRows";

    static final ConfigKey ALGORITHM = new ConfigKey("algorithm.type", ValueType.STRING, LambdaMlSettings.GA_SGD,
            oneOf(LambdaMlSettings.GA_SGD, LambdaMlSettings.MA_SGD, LambdaMlSettings.ADMM, LambdaMlSettings.LBFGS,
                    LambdaMlSettings.KMEANS),
            "lambdaml: distributed algorithm: gradient averaging SGD (gradients summed every batch), model "
                    + "averaging SGD (`localSteps` local steps, then the models averaged), consensus ADMM "
                    + "(logistic regression, SVM, softmax: `localSteps` steps on each worker's augmented "
                    + "objective, then the global model and the duals updated), full-batch L-BFGS (logistic "
                    + "regression, softmax: every worker's whole-chunk loss and gradient summed each evaluation, "
                    + "every worker running the same L-BFGS steps and strong-Wolfe line search; an epoch is one "
                    + "iteration, of one or more evaluations, each a full pass; no optimiser, rate or batch), "
                    + "or distributed k-means (cluster statistics summed every iteration).");
    static final ConfigKey HISTORY = new ConfigKey("algorithm.history", ValueType.INT, 10, between(1, 1000),
            "lambdaml, lbfgs: the (step, gradient change) pairs L-BFGS keeps for its inverse-Hessian estimate (m).");
    static final ConfigKey LOCAL_STEPS = new ConfigKey("algorithm.localSteps", ValueType.INT, 0,
            between(0, 100_000_000),
            "lambdaml, ma-sgd and admm: local steps between two exchanges (0: one epoch of the worker's chunk).");
    static final ConfigKey RHO = new ConfigKey("algorithm.rho", ValueType.DOUBLE, 1.0, greaterThan(0),
            "lambdaml, admm: the penalty rho of the consensus constraint x_i = z.");
    static final ConfigKey PATTERN = new ConfigKey("pattern", ValueType.STRING, LambdaMlSettings.ALLREDUCE,
            oneOf(LambdaMlSettings.ALLREDUCE, LambdaMlSettings.SCATTER_REDUCE, LambdaMlSettings.PARAMETER_SERVER),
            "lambdaml: communication pattern: AllReduce through one reducer (rank 0), ScatterReduce, where "
                    + "each worker reduces 1/N of the vector, or a parameter server that holds the model "
                    + "(LambdaML's hybrid design: functions push gradients and pull the model over gRPC; "
                    + "BSP or ASP; see docs/PARAMETER-SERVER.md).");
    static final ConfigKey PS_ADDRESS = new ConfigKey("ps.address", ValueType.STRING, null, any(),
            "lambdaml, pattern parameter-server: HOST:PORT of a running `cumulus ps` (unset: the driver starts "
                    + "one for the run, in its own process, and stops it at the end).");
    static final ConfigKey PS_INSTANCE = new ConfigKey("ps.instanceType", ValueType.STRING, "m5.large",
            oneOf(PriceTable.defaults().ec2InstanceTypes().stream().sorted().toArray(String[]::new)),
            "lambdaml, pattern parameter-server: the EC2 instance type its hours are priced as (price table).");
    static final ConfigKey SYNC = new ConfigKey("sync", ValueType.STRING, LambdaMlSettings.BSP, new SyncValidator(),
            "lambdaml: synchronisation: bulk-synchronous (every worker waits for the merged update each "
                    + "step), asynchronous (each worker reads, updates and writes back one shared "
                    + "model without waiting; concurrent updates may be lost, as in LambdaML), or stale-"
                    + "synchronous `ssp:K` (asynchronous, but no worker starts a round more than K ahead of "
                    + "the slowest; the bound is read from the channel).");

    @Override
    public String name() {
        return "lambdaml";
    }

    @Override
    public String description() {
        return "storage-channel SGD and k-means as in LambdaML (N identical workers).";
    }

    @Override
    public List<ConfigKey> keys() {
        return List.of(ALGORITHM, LOCAL_STEPS, RHO, HISTORY, PATTERN, SYNC, PS_ADDRESS, PS_INSTANCE);
    }

    @Override
    public ProtocolSettings bind(Job job, List<String> warnings) {
        LambdaMlSettings settings = new LambdaMlSettings(job.string(ALGORITHM.name()), job.string(PATTERN.name()),
                job.string(SYNC.name()), job.integer(LOCAL_STEPS.name()), job.decimal(RHO.name()),
                (String) job.value(PS_ADDRESS.name()), job.string(PS_INSTANCE.name()), job.integer(HISTORY.name()));
        String algorithm = settings.algorithm();
        boolean kmeansModel = job.string("model.type").equals("kmeans");
        if (kmeansModel != settings.kmeans()) {
            throw job.invalid(ALGORITHM.name(), "model.type '" + job.string("model.type") + "' needs algorithm.type "
                    + (kmeansModel ? "'kmeans'" : "'ga-sgd'"));
        }
        if (settings.parameterServer()) {
            if (!algorithm.equals(LambdaMlSettings.GA_SGD)) {
                throw job.invalid(PATTERN.name(), "a parameter server averages gradients: algorithm.type ga-sgd, not "
                        + algorithm);
            }
            if (settings.sync().startsWith(LambdaMlSettings.SSP_PREFIX)) {
                throw job.invalid(SYNC.name(), "the parameter server runs bsp or asp");
            }
            if (settings.psAddress() != null) {
                try {
                    ServerAddress.parse(settings.psAddress());
                } catch (IllegalArgumentException e) {
                    throw job.invalid(PS_ADDRESS.name(), "HOST:PORT (" + e.getMessage() + ")");
                }
            }
        } else {
            job.warnIfSet(PS_ADDRESS.name(), "it applies to pattern parameter-server, not " + settings.pattern(), warnings);
            job.warnIfSet(PS_INSTANCE.name(), "it applies to pattern parameter-server, not " + settings.pattern(), warnings);
        }
        if (settings.asynchronous() && !settings.parameterServer()) {
            if (!algorithm.equals(LambdaMlSettings.GA_SGD)) {
                throw job.invalid(SYNC.name(), "'" + settings.sync() + "' is for algorithm.type 'ga-sgd'; "
                        + algorithm + " runs bulk-synchronously");
            }
            job.warnIfSet(PATTERN.name(), "under sync " + settings.sync()
                    + " the workers share one model and use no collective", warnings);
        }
        if (algorithm.equals(LambdaMlSettings.ADMM) && job.string("model.type").equals("mlp")) {
            throw job.invalid(ALGORITHM.name(), "ADMM's consensus needs a convex model (logistic, svm, softmax), not mlp");
        }
        if (!algorithm.equals(LambdaMlSettings.MA_SGD) && !algorithm.equals(LambdaMlSettings.ADMM)) {
            job.warnIfSet(LOCAL_STEPS.name(), "it applies to algorithm.type ma-sgd and admm, not " + algorithm, warnings);
        }
        if (!algorithm.equals(LambdaMlSettings.ADMM)) {
            job.warnIfSet(RHO.name(), "it applies to algorithm.type admm, not " + algorithm, warnings);
        }
        if (settings.lbfgs()) {
            LbfgsWorker.check(job, warnings);
        } else {
            job.warnIfSet(HISTORY.name(), "it applies to algorithm.type lbfgs, not " + algorithm, warnings);
        }
        if (settings.kmeans()) {
            for (String key : List.of("algorithm.optimizer", "algorithm.learningRate", "algorithm.batchSize")) {
                job.warnIfSet(key, "k-means takes whole-chunk steps without an optimiser", warnings);
            }
        }
        return settings;
    }

    @Override
    public Class<? extends ProtocolSettings> settingsType() {
        return LambdaMlSettings.class;
    }

    @Override
    public Launch launch(RunSetup run) {
        JobSpec job = run.job();
        int workers = job.workers();
        // A seeded shuffle first, so that a sorted file does not give each worker one class.
        int[][] chunkRows = Partitioner.shuffled(workers, job.seed()).rowIndices(run.train().rows());
        int minChunkRows = Arrays.stream(chunkRows).mapToInt(rows -> rows.length).min().orElseThrow();
        if (minChunkRows == 0) {
            throw new IllegalArgumentException("workers: " + workers + " workers for only " + run.train().rows()
                    + " training rows; every worker needs at least one row");
        }
        RunKeys keys = run.keys();
        Channel channel = run.channel();
        // Encoded a core's worth of chunks at a time, each straight from its rows (no gathered copy):
        // one copy of the training set in all, while the chunks waiting for the store stay as few as
        // the cores.
        int cores = Runtime.getRuntime().availableProcessors();
        for (int from = 0; from < workers; from += cores) {
            List<byte[]> encoded = IntStream.range(from, Math.min(workers, from + cores)).parallel()
                    .mapToObj(r -> ChunkCodec.encode(run.train(), chunkRows[r])).toList();
            for (int r = from; r < from + encoded.size(); r++) {
                channel.putOwned(keys.chunk(r), encoded.get(r - from));
            }
        }
        LambdaMlSettings settings = job.settings(LambdaMlSettings.class);
        if (settings.kmeans()) {
            channel.put(keys.initialModel(), FloatCodec.encode(
                    new KMeans().initialCentroids(run.train(), job.model().k(), job.seed())));
        }
        if (settings.parameterServer()) {
            ServerLink.start(run, settings);
        }
        run.log().accept("staged " + workers + " chunks in " + channel.describe());
        return new Launch(Launch.ranks(WORKER, workers), Map.of(MIN_CHUNK_ROWS, (long) minChunkRows,
                TRAIN_ROWS, (long) run.train().rows()));
    }

    @Override
    public WorkerOutcome run(RoleContext context) {
        LambdaMlSettings settings = context.task().job().settings(LambdaMlSettings.class);
        if (settings.parameterServer()) {
            return new PsWorker(context).run();
        }
        if (settings.kmeans()) {
            return new KMeansWorker(context).run();
        }
        if (settings.asynchronous()) {
            return new AspWorker(context).run();
        }
        return switch (settings.algorithm()) {
            case LambdaMlSettings.MA_SGD -> new MaSgdWorker(context).run();
            case LambdaMlSettings.ADMM -> new AdmmWorker(context).run();
            case LambdaMlSettings.LBFGS -> new LbfgsWorker(context).run();
            default -> new GaSgdWorker(context).run();
        };
    }

    @Override
    public Collected collect(RunSetup run) {
        RunKeys keys = run.keys();
        float[] parameters = FloatCodec.decode(run.channel().await(keys.model(), Duration.ofSeconds(10)));
        List<EpochRecord> curve = EpochRecord.fromCsv(new String(
                run.channel().get(keys.curve()).orElseThrow(), StandardCharsets.UTF_8));
        LambdaMlSettings settings = run.job().settings(LambdaMlSettings.class);
        Map<String, Object> report = settings.lbfgs() ? LbfgsWorker.report(run, parameters) : Map.of();
        return new Collected(parameters, curve, settings.parameterServer() ? ServerLink.cost(run, settings) : Map.of(), report);
    }

    /** bsp, asp, or ssp:K with K a whole number of rounds, at least 1. */
    private static final class SyncValidator implements dev.cumulus.config.Validator {
        @Override
        public String check(Object value) {
            String s = value.toString();
            if (s.equals(LambdaMlSettings.BSP) || s.equals(LambdaMlSettings.ASP)) {
                return null;
            }
            if (s.startsWith(LambdaMlSettings.SSP_PREFIX)) {
                try {
                    if (Long.parseLong(s.substring(LambdaMlSettings.SSP_PREFIX.length())) >= 1) {
                        return null;
                    }
                } catch (NumberFormatException e) {
                    // falls through to the expectation below
                }
            }
            return describe();
        }

        @Override
        public String describe() {
            return "one of bsp, asp, ssp:K (K a whole number of rounds, at least 1)";
        }
    }
}
