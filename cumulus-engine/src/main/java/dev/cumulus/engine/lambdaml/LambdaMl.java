package dev.cumulus.engine.lambdaml;

import static dev.cumulus.config.Validator.oneOf;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.config.ConfigKey;
import dev.cumulus.config.ValueType;
import dev.cumulus.data.Dataset;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * LambdaML's storage-channel training (SIGMOD 2021): N identical workers, each with one chunk of
 * the data, exchanging gradients or statistics through the channel with AllReduce or
 * ScatterReduce, in bulk-synchronous or asynchronous steps.
 */
public final class LambdaMl implements Protocol {
    static final String WORKER = "worker";
    static final String MIN_CHUNK_ROWS = "minChunkRows";

    static final ConfigKey ALGORITHM = new ConfigKey("algorithm.type", ValueType.STRING, LambdaMlSettings.GA_SGD,
            oneOf(LambdaMlSettings.GA_SGD, LambdaMlSettings.KMEANS),
            "lambdaml: distributed algorithm: gradient averaging SGD (every batch), or distributed k-means "
                    + "(cluster statistics summed every iteration).");
    static final ConfigKey PATTERN = new ConfigKey("pattern", ValueType.STRING, LambdaMlSettings.ALLREDUCE,
            oneOf(LambdaMlSettings.ALLREDUCE, LambdaMlSettings.SCATTER_REDUCE),
            "lambdaml: communication pattern under BSP: AllReduce through one reducer (rank 0), or "
                    + "ScatterReduce, where each worker reduces 1/N of the vector.");
    static final ConfigKey SYNC = new ConfigKey("sync", ValueType.STRING, LambdaMlSettings.BSP,
            oneOf(LambdaMlSettings.BSP, LambdaMlSettings.ASP),
            "lambdaml: synchronisation: bulk-synchronous (every worker waits for the merged update each "
                    + "step), or asynchronous (each worker reads, updates and writes back one shared "
                    + "model without waiting; concurrent updates may be lost, as in LambdaML).");

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
        return List.of(ALGORITHM, PATTERN, SYNC);
    }

    @Override
    public ProtocolSettings bind(Job job, List<String> warnings) {
        LambdaMlSettings settings = new LambdaMlSettings(job.string(ALGORITHM.name()), job.string(PATTERN.name()),
                job.string(SYNC.name()));
        boolean kmeansModel = job.string("model.type").equals("kmeans");
        if (kmeansModel != settings.kmeans()) {
            throw job.invalid(ALGORITHM.name(), "model.type '" + job.string("model.type") + "' needs algorithm.type "
                    + (kmeansModel ? "'kmeans'" : "'ga-sgd'"));
        }
        if (settings.sync().equals(LambdaMlSettings.ASP)) {
            if (settings.kmeans()) {
                throw job.invalid(SYNC.name(), "'asp' is for algorithm.type 'ga-sgd'; k-means runs bulk-synchronously");
            }
            job.warnIfSet(PATTERN.name(), "under sync asp the workers share one model and use no collective", warnings);
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
        List<Dataset> chunks = Partitioner.shuffled(workers, job.seed()).split(run.data().train());
        int minChunkRows = chunks.stream().mapToInt(Dataset::rows).min().orElseThrow();
        if (minChunkRows == 0) {
            throw new IllegalArgumentException("workers: " + workers + " workers for only " + run.data().train().rows()
                    + " training rows; every worker needs at least one row");
        }
        RunKeys keys = run.keys();
        Channel channel = run.channel();
        for (int r = 0; r < workers; r++) {
            channel.put(keys.chunk(r), ChunkCodec.encode(chunks.get(r)));
        }
        LambdaMlSettings settings = job.settings(LambdaMlSettings.class);
        if (settings.kmeans()) {
            channel.put(keys.initialModel(), FloatCodec.encode(
                    new KMeans().initialCentroids(run.data().train(), job.model().k(), job.seed())));
        }
        run.log().accept("staged " + workers + " chunks in " + channel.describe());
        return new Launch(Launch.ranks(WORKER, workers), Map.of(MIN_CHUNK_ROWS, (long) minChunkRows));
    }

    @Override
    public WorkerOutcome run(RoleContext context) {
        LambdaMlSettings settings = context.task().job().settings(LambdaMlSettings.class);
        if (settings.kmeans()) {
            return new KMeansWorker(context).run();
        }
        if (settings.sync().equals(LambdaMlSettings.ASP)) {
            return new AspWorker(context).run();
        }
        return new GaSgdWorker(context).run();
    }

    @Override
    public Collected collect(RunSetup run) {
        RunKeys keys = run.keys();
        float[] parameters = FloatCodec.decode(run.channel().await(keys.model(), Duration.ofSeconds(10)));
        List<EpochRecord> curve = EpochRecord.fromCsv(new String(
                run.channel().get(keys.curve()).orElseThrow(), StandardCharsets.UTF_8));
        return new Collected(parameters, curve);
    }
}
