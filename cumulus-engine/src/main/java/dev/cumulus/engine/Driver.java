package dev.cumulus.engine;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.chunk.ChunkCodec;
import dev.cumulus.data.chunk.DataFingerprint;
import dev.cumulus.data.source.TrainTest;
import dev.cumulus.engine.job.Job;
import dev.cumulus.engine.metrics.Breakdown;
import dev.cumulus.engine.metrics.Timeline;
import dev.cumulus.engine.metrics.TimelineEvent;
import dev.cumulus.model.Model;
import dev.cumulus.model.kmeans.KMeans;
import dev.cumulus.runtime.FunctionLimits;
import dev.cumulus.runtime.FunctionPlatform;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The trigger of a training run: loads the data, stages one chunk per worker in the channel,
 * invokes the worker functions on the job's platform and supervises them, then collects the
 * model and the timeline, evaluates the result and prices the run.
 */
public final class Driver {
    private final Consumer<String> log;

    /** @param log receives one line per stage of the run (for the command line's progress) */
    public Driver(Consumer<String> log) {
        this.log = log;
    }

    public RunResult run(Job job) {
        long origin = Timeline.nowEpochMicros();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        RunKeys keys = new RunKeys(runId);
        int workers = job.integer("workers");

        TrainTest data = JobSpecs.load(job);
        log.accept(String.format("data: %d train rows, %d test rows, %d features, %d classes",
                data.train().rows(), data.test().rows(), data.train().cols(), data.train().numClasses()));
        List<Dataset> chunks = JobSpecs.partition(job, data.train(), workers);
        int minChunkRows = chunks.stream().mapToInt(Dataset::rows).min().orElseThrow();
        if (minChunkRows == 0) {
            throw new IllegalArgumentException("workers: " + workers + " workers for only " + data.train().rows()
                    + " training rows; every worker needs at least one row");
        }
        // A private in-memory store would be private to each worker: name it after the run instead.
        String channelUri = job.string("channel").equals("memory:") ? "memory:run-" + runId : job.string("channel");
        try (Channel channel = Channels.open(channelUri);
             FunctionPlatform platform = Platforms.open(job)) {
            for (int r = 0; r < workers; r++) {
                channel.put(keys.chunk(r), ChunkCodec.encode(chunks.get(r)));
            }
            if (isKMeans(job)) {
                channel.put(keys.initialModel(), FloatCodec.encode(
                        new KMeans().initialCentroids(data.train(), job.integer("model.k"), job.longValue("seed"))));
            }
            log.accept("staged " + workers + " chunks in " + channel.describe() + "; invoking " + workers
                    + " functions on " + platform.type());
            List<WorkerTask> tasks = new ArrayList<>();
            long invoked = Timeline.nowEpochMicros();
            for (int r = 0; r < workers; r++) {
                tasks.add(new WorkerTask(runId, r, job, channelUri, data.train().cols(), data.train().numClasses(),
                        minChunkRows, origin, invoked, false));
            }
            WorkerSupervisor supervisor = new WorkerSupervisor(platform, channel,
                    FunctionLimits.of(job.integer("platform.memoryMb"), job.integer("platform.timeoutSeconds")),
                    job.integer("platform.maxRestarts"), log);
            supervisor.runAll(tasks);
            log.accept("workers finished" + (supervisor.restarts() > 0 ? " after " + supervisor.restarts() + " restarts" : ""));
            float[] parameters = FloatCodec.decode(channel.await(keys.model(), Duration.ofSeconds(10)));
            List<EpochRecord> curve = EpochRecord.fromCsv(new String(
                    channel.get(keys.curve()).orElseThrow(), StandardCharsets.UTF_8));
            List<TimelineEvent> events = new ArrayList<>();
            for (String key : channel.list(keys.timelines())) {
                channel.get(key).ifPresent(bytes -> events.addAll(TrainingFunction.parseTimeline(bytes)));
            }
            events.sort(Comparator.comparingInt(TimelineEvent::worker).thenComparingLong(TimelineEvent::startMicros));
            cleanUp(channel, keys);
            double wallSeconds = (Timeline.nowEpochMicros() - origin) / 1e6;
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("runId", runId);
            provenance.put("cumulusVersion", Driver.class.getPackage().getImplementationVersion() == null
                    ? "dev" : Driver.class.getPackage().getImplementationVersion());
            provenance.put("trainDataSha256", DataFingerprint.of(data.train()));
            provenance.put("testDataSha256", DataFingerprint.of(data.test()));
            provenance.put("seed", job.longValue("seed"));
            provenance.put("channel", channel.describe());
            provenance.put("platform", platform.type());
            return new RunResult(runId, job, parameters, evaluate(job, parameters, data), curve, events,
                    Breakdown.of(events), wallSeconds, provenance,
                    Costs.of(platform.billing().bill(), supervisor.results(), supervisor.restarts()));
        }
    }

    private static void cleanUp(Channel channel, RunKeys keys) {
        for (String key : channel.list(keys.prefix())) {
            channel.delete(key);
        }
    }

    private static boolean isKMeans(Job job) {
        return job.string("algorithm.type").equals("kmeans");
    }

    private static Map<String, Double> evaluate(Job job, float[] parameters, TrainTest data) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (isKMeans(job)) {
            KMeans kmeans = new KMeans();
            metrics.put("trainInertia", kmeans.inertia(parameters, data.train()) / data.train().rows());
            metrics.put("testInertia", kmeans.inertia(parameters, data.test()) / data.test().rows());
            return metrics;
        }
        Model model = JobSpecs.model(job, data.train().cols(), data.train().numClasses());
        metrics.put("trainLoss", model.loss(parameters, data.train()));
        metrics.put("trainAccuracy", model.accuracy(parameters, data.train()));
        metrics.put("testLoss", model.loss(parameters, data.test()));
        metrics.put("testAccuracy", model.accuracy(parameters, data.test()));
        return metrics;
    }
}
