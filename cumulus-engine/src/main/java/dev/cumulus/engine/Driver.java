package dev.cumulus.engine;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.chunk.DataFingerprint;
import dev.cumulus.data.source.TrainTest;
import dev.cumulus.data.chunk.ChunkCodec;
import dev.cumulus.engine.job.Job;
import dev.cumulus.engine.lambdaml.GaSgdWorker;
import dev.cumulus.engine.lambdaml.KMeansWorker;
import dev.cumulus.model.kmeans.KMeans;
import dev.cumulus.engine.metrics.Breakdown;
import dev.cumulus.engine.metrics.Timeline;
import dev.cumulus.engine.metrics.TimelineEvent;
import dev.cumulus.model.Model;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The trigger of a training run: loads and stages the data, invokes the workers, collects the
 * model and the timeline, and evaluates the result.
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

        try (Channel channel = Channels.open(job.string("channel"))) {
            for (int r = 0; r < workers; r++) {
                channel.put(keys.chunk(r), ChunkCodec.encode(chunks.get(r)));
            }
            if (isKMeans(job)) {
                channel.put(keys.initialModel(), FloatCodec.encode(
                        new KMeans().initialCentroids(data.train(), job.integer("model.k"), job.longValue("seed"))));
            }
            log.accept("staged " + workers + " chunks in " + channel.describe());
            List<TimelineEvent> events = invokeWorkers(job, runId, data.train(), minChunkRows, origin, channel);
            float[] parameters = FloatCodec.decode(channel.await(keys.model(), java.time.Duration.ofSeconds(10)));
            List<EpochRecord> curve = EpochRecord.fromCsv(new String(
                    channel.get(keys.curve()).orElseThrow(), StandardCharsets.UTF_8));
            cleanUp(channel, keys);
            double wallSeconds = (Timeline.nowEpochMicros() - origin) / 1e6;
            Map<String, Double> metrics = evaluate(job, parameters, data);
            Map<String, Object> provenance = new LinkedHashMap<>();
            provenance.put("runId", runId);
            provenance.put("cumulusVersion", Driver.class.getPackage().getImplementationVersion() == null
                    ? "dev" : Driver.class.getPackage().getImplementationVersion());
            provenance.put("trainDataSha256", DataFingerprint.of(data.train()));
            provenance.put("testDataSha256", DataFingerprint.of(data.test()));
            provenance.put("seed", job.longValue("seed"));
            provenance.put("channel", channel.describe());
            return new RunResult(runId, job, parameters, metrics, curve, events, Breakdown.of(events), wallSeconds,
                    provenance);
        }
    }

    private List<TimelineEvent> invokeWorkers(Job job, String runId, Dataset train, int minChunkRows, long origin,
            Channel channel) {
        int workers = job.integer("workers");
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "cumulus-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<TimelineEvent>>> futures = new ArrayList<>();
            for (int r = 0; r < workers; r++) {
                WorkerTask task = new WorkerTask(runId, r, job, train.cols(), train.numClasses(), minChunkRows, origin);
                futures.add(pool.submit(() -> {
                    Timeline timeline = new Timeline(task.rank(), origin);
                    if (isKMeans(job)) {
                        new KMeansWorker(task, channel, timeline).run();
                    } else {
                        new GaSgdWorker(task, channel, timeline).run();
                    }
                    return timeline.events();
                }));
            }
            List<TimelineEvent> events = new ArrayList<>();
            for (int r = 0; r < workers; r++) {
                try {
                    events.addAll(futures.get(r).get());
                } catch (ExecutionException e) {
                    futures.forEach(f -> f.cancel(true));
                    throw new TrainingFailedException("worker " + r + " failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
            log.accept("workers finished");
            return events;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrainingFailedException("interrupted while waiting for workers", e);
        } finally {
            pool.shutdownNow();
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
        if (isKMeans(job)) {
            KMeans kmeans = new KMeans();
            return Map.of(
                    "trainInertia", kmeans.inertia(parameters, data.train()) / data.train().rows(),
                    "testInertia", kmeans.inertia(parameters, data.test()) / data.test().rows());
        }
        Model model = JobSpecs.model(job, data.train().cols(), data.train().numClasses());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("trainLoss", model.loss(parameters, data.train()));
        metrics.put("trainAccuracy", model.accuracy(parameters, data.train()));
        metrics.put("testLoss", model.loss(parameters, data.test()));
        metrics.put("testAccuracy", model.accuracy(parameters, data.test()));
        return metrics;
    }
}
