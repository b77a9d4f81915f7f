package dev.cumulus.engine.run;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.meter.MeteredChannel;
import dev.cumulus.channel.meter.RequestCounts;
import dev.cumulus.data.Dataset;
import dev.cumulus.engine.job.JobSpec;
import dev.cumulus.engine.metrics.Breakdown;
import dev.cumulus.engine.metrics.Timeline;
import dev.cumulus.engine.metrics.TimelineEvent;
import dev.cumulus.engine.model.Provenance;
import dev.cumulus.engine.model.TrainedModel;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Collected;
import dev.cumulus.engine.protocol.Launch;
import dev.cumulus.engine.protocol.ProgressBoard;
import dev.cumulus.engine.protocol.Protocol;
import dev.cumulus.engine.protocol.RoleSpec;
import dev.cumulus.engine.protocol.RoleTask;
import dev.cumulus.engine.protocol.RunKeys;
import dev.cumulus.engine.protocol.RunProgress;
import dev.cumulus.engine.protocol.RunResources;
import dev.cumulus.engine.protocol.RunSetup;
import dev.cumulus.engine.protocol.TrainingData;
import dev.cumulus.model.KernelWarmUp;
import dev.cumulus.model.ModelSpec;
import dev.cumulus.model.Models;
import dev.cumulus.runtime.FunctionPlatform;
import dev.cumulus.runtime.FunctionRegistry;
import dev.cumulus.runtime.billing.PriceTable;
import dev.cumulus.runtime.platform.PlatformSpec;
import dev.cumulus.runtime.platform.Platforms;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The trigger of a training run, the same for every protocol: loads the data, lets the job's
 * protocol stage what its functions need and name them, invokes and supervises the functions,
 * lets the protocol collect the model, then evaluates it and prices the run. Whatever happens,
 * the run's keys are removed from the channel before it returns or throws.
 */
public final class Driver {

    /** Rows of the sample {@link #initialLoss} is estimated on. */
    private static final int INITIAL_LOSS_ROWS = 4096;
    private final Consumer<String> log;
    private final Consumer<RunProgress> progress;

    /** @param log receives one line per stage of the run (for the command line's progress) */
    public Driver(Consumer<String> log) {
        this(log, p -> { });
    }

    /**
     * @param log receives one line per stage of the run
     * @param progress receives training progress as the functions report it, a few times a second
     */
    public Driver(Consumer<String> log, Consumer<RunProgress> progress) {
        this.log = log;
        this.progress = progress;
    }

    /** The functions Cumulus deploys: one worker function runs every protocol's roles. */
    public static FunctionRegistry registry() {
        return FunctionRegistry.builder().register(TrainingFunction.NAME, TrainingFunction.class).build();
    }

    public RunResult run(BoundJob bound) {
        // Functions on threads train in this JVM: the vector kernels, if the job asks for them, compile
        // while the data is read; if it leaves the choice to the run, once the data shows they pay.
        AtomicReference<KernelWarmUp> warmUp = new AtomicReference<>(onThreads(bound.spec())
                && Models.vectorKernels(bound.spec().model()) && bound.spec().model().kernels().equals(ModelSpec.VECTOR)
                ? KernelWarmUp.start(bound.spec().model()) : KernelWarmUp.none());
        try {
            return run(bound, warmUp);
        } finally {
            warmUp.get().stop();
        }
    }

    private static boolean onThreads(JobSpec job) {
        return job.platform().type().equals(PlatformSpec.THREADS);
    }

    /** @param warmUp the kernel warm-up under way, or none; replaced by one this run starts */
    private RunResult run(BoundJob bound, AtomicReference<KernelWarmUp> warmUp) {
        Protocol protocol = bound.protocol();
        Instant started = Instant.now();
        long origin = Timeline.nowEpochMicros();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        RunKeys keys = new RunKeys(runId);

        // The first invocation's payload, encoded and decoded while the data is read (RoleTask.warmUp).
        RoleTask.warmUp(bound.spec());
        // The test set, if it has a file of its own, is read while the functions train (TrainingData).
        TrainingData loaded = TrainingData.load(bound.spec());
        Dataset train = loaded.train();
        // Every function and the evaluation run the kernels chosen here, for the whole training set.
        JobSpec job = bound.spec().withKernelsFor(train);
        if (onThreads(job) && Models.vectorKernels(job.model()) && warmUp.get() == KernelWarmUp.none()) {
            warmUp.set(KernelWarmUp.start(job.model()));
        }
        log.accept(String.format("data: %d train rows, %d features, %d classes", train.rows(), train.cols(),
                train.numClasses()));
        // Whatever the job and the data show is checked here, before a function is invoked and retried.
        Preflight.check(job, train).forEach(warning -> log.accept("warning: " + warning));
        // A private in-memory store would be private to each worker: name it after the run instead.
        String channelUri = job.privateMemoryChannel() ? "memory:run-" + runId : job.channel();
        Collected collected;
        List<TimelineEvent> events;
        Map<String, Object> cost;
        try (MeteredChannel channel = new MeteredChannel(Channels.open(channelUri));
             RunResources resources = new RunResources()) {
            RunSetup setup = new RunSetup(runId, job, train, channel, channelUri, log, resources);
            // Ctrl-C or SIGTERM: stop the functions and leave nothing of the run in the store. The
            // supervisor is told first, so that it does not take the functions it sees stop for deaths
            // and re-invoke them on the platform being closed.
            AtomicReference<WorkerSupervisor> watching = new AtomicReference<>();
            Thread onSignal = new Thread(() -> {
                log.accept("interrupted: stopping the functions and removing the run's keys from " + channel.describe());
                WorkerSupervisor supervisor = watching.get();
                if (supervisor != null) {
                    supervisor.abort(new TrainingFailedException("interrupted by a signal (Ctrl-C or SIGTERM)", null));
                }
                stopAndCleanUp(resources, channel, keys);
            }, "cumulus-interrupt");
            Runtime.getRuntime().addShutdownHook(onSignal);
            try {
                Launch launch = protocol.launch(setup);
                // Closed with the run's resources: at the end, on failure, or on a signal.
                FunctionPlatform platform = resources.add(
                        Platforms.open(job.platform(), registry(), launch.roles().size()));
                log.accept("invoking " + launch.roles().size() + " functions on " + platform.type() + " through "
                        + channel.describe());
                List<RoleTask> tasks = tasks(runId, job, launch, channelUri, train, origin);
                WorkerSupervisor supervisor = new WorkerSupervisor(platform, channel, job.platform().limits(),
                        job.platform().maxRestarts(), log, new ProgressBoard(channel, keys), progress);
                watching.set(supervisor);
                // A malformed or missing test file ends the run now, not once training is over.
                loaded.onTestFailure(supervisor::abort);
                // From here the functions need the cores; the warm-up has had the reading and staging.
                warmUp.get().stop();
                supervisor.runAll(tasks);
                log.accept("functions finished" + (supervisor.restarts() > 0
                        ? " after " + supervisor.restarts() + " restarts" : "")
                        + (supervisor.unfinished().isEmpty() ? "" : "; ended unfinished: " + supervisor.unfinished()));
                collected = protocol.collect(setup);
                if (!supervisor.unfinished().isEmpty()) {
                    collected = collected.reporting("unfinishedFunctions", supervisor.unfinished());
                }
                events = timelines(channel, keys);
                cost = new LinkedHashMap<>(Costs.of(platform.billing().bill(), supervisor.results(),
                        supervisor.restarts()));
                cost.putAll(collected.cost());
                cost.putAll(Costs.byPhase(events, job.platform().memoryMb(), PriceTable.defaults().lambda()));
                cost.put("storeRequests", Costs.requests(requests(channel, keys).plus(channel.counts())));
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(onSignal);
                } catch (IllegalStateException shuttingDown) {
                    // The hook is running or about to: it cleans up.
                }
                stopAndCleanUp(resources, channel, keys);
            }
        }
        Dataset test = loaded.test();
        log.accept(String.format("test data: %d rows", test.rows()));
        double initialLoss = job.model().type().equals("kmeans") ? Double.NaN
                : initialLoss(job, train);
        Preflight.divergence(collected.curve(), initialLoss).ifPresent(warning -> log.accept("warning: " + warning));
        TrainedModel model = new TrainedModel(job.model(), train.cols(), train.numClasses(),
                collected.parameters(), loaded.scaling(), loaded.labels());
        // The values `cumulus evaluate` gives on the files as read: the training sets were scaled by the
        // model's own scaling, so it is the data that evaluation would scale again.
        Map<String, Double> metrics = new LinkedHashMap<>(model.metricsOfScaled("train", train));
        metrics.putAll(model.metricsOfScaled("test", test));
        Instant ended = Instant.now();
        Map<String, Object> resolvedJob = bound.resolved();
        // Provenance goes into run.json and the model file: never a password.
        resolvedJob.computeIfPresent("channel", (key, uri) -> Channels.masked(uri.toString()));
        // A protocol's own store URIs (p2p.stores, one per peer) carry passwords too.
        resolvedJob.replaceAll((key, section) -> maskedUris(section));
        // The kernels that ran, not "auto": the job as recorded reruns the same arithmetic.
        resolvedJob.computeIfPresent("model", (key, section) -> withKernels(section, job.model().kernels()));
        Provenance provenance = Provenance.of(runId, started, ended, loaded.fingerprints(), job.seed(),
                Channels.masked(job.channel()), job.platform().type(), resolvedJob, Models.vectorKernels(job.model()));
        return new RunResult(runId, bound, model, metrics, collected.curve(), events, Breakdown.of(events),
                (Timeline.nowEpochMicros() - origin) / 1e6, provenance, cost, collected.report());
    }

    @SuppressWarnings("unchecked")
    private static Object withKernels(Object modelSection, String kernels) {
        if (!(modelSection instanceof Map<?, ?> section)) {
            return modelSection;
        }
        Map<String, Object> model = new LinkedHashMap<>((Map<String, Object>) section);
        model.put("kernels", kernels);
        return model;
    }

    /** {@code value} with every channel URI in it masked: in nested sections, and each of a space-separated list. */
    @SuppressWarnings("unchecked")
    private static Object maskedUris(Object value) {
        if (value instanceof Map<?, ?> section) {
            Map<String, Object> masked = new LinkedHashMap<>();
            ((Map<String, Object>) section).forEach((key, v) -> masked.put(key, maskedUris(v)));
            return masked;
        }
        if (value instanceof String text && text.contains("://")) {
            return java.util.Arrays.stream(text.split(" ", -1)).map(Channels::masked)
                    .collect(java.util.stream.Collectors.joining(" "));
        }
        return value;
    }

    /**
     * The training loss of the parameters every protocol starts from, estimated on every k-th row
     * (at most {@link #INITIAL_LOSS_ROWS}): it only tells divergence (a loss half as high again)
     * from progress, and a whole pass over the data cost an MLP as long as an epoch of training.
     */
    private static double initialLoss(JobSpec job, Dataset train) {
        var model = dev.cumulus.model.Models.create(job.model(), train.cols(), train.numClasses());
        int rows = train.rows();
        int stride = Math.max(1, (rows + INITIAL_LOSS_ROWS - 1) / INITIAL_LOSS_ROWS);
        int[] sample = java.util.stream.IntStream.iterate(0, r -> r < rows, r -> r + stride).toArray();
        return model.loss(model.initialParameters(job.seed()), train.select(sample));
    }

    private static List<RoleTask> tasks(String runId, JobSpec job, Launch launch, String channelUri, Dataset train,
            long origin) {
        List<RoleTask> tasks = new ArrayList<>();
        long invoked = Timeline.nowEpochMicros();
        for (int i = 0; i < launch.roles().size(); i++) {
            RoleSpec role = launch.roles().get(i);
            tasks.add(new RoleTask(runId, role, i, job, role.channelUri() != null ? role.channelUri() : channelUri,
                    train.cols(), train.numClasses(), launch.attributes(), origin, invoked, false));
        }
        return tasks;
    }

    private static List<TimelineEvent> timelines(Channel channel, RunKeys keys) {
        List<TimelineEvent> events = new ArrayList<>();
        for (String key : channel.list(keys.timelines())) {
            channel.get(key).ifPresent(bytes -> events.addAll(TimelineEvent.parseAll(
                    new String(bytes, StandardCharsets.UTF_8))));
        }
        events.sort(Comparator.comparingInt(TimelineEvent::worker).thenComparingLong(TimelineEvent::startMicros));
        return events;
    }

    private static RequestCounts requests(Channel channel, RunKeys keys) {
        RequestCounts total = RequestCounts.NONE;
        for (String key : channel.list(keys.allRequests())) {
            Optional<byte[]> counts = channel.get(key);
            if (counts.isPresent()) {
                total = total.plus(RequestCounts.parse(new String(counts.get(), StandardCharsets.UTF_8)));
            }
        }
        return total;
    }

    /** Removes every key of the run; a failure to do so must not hide why the run ended. */
    /**
     * Stops the run's functions (closing its resources, the platform among them), then removes the
     * run's keys: after a failure the others are still running, and a heartbeat of theirs written
     * after the clean-up was left in a file store (CleanupTest, once in a CI run).
     */
    private void stopAndCleanUp(RunResources resources, Channel channel, RunKeys keys) {
        try {
            resources.close();
        } catch (RuntimeException e) {
            log.accept("could not stop everything the run started: " + e.getMessage());
        }
        cleanUp(channel, keys);
    }

    private void cleanUp(Channel channel, RunKeys keys) {
        try {
            for (String key : channel.list(keys.prefix())) {
                channel.delete(key);
            }
        } catch (RuntimeException e) {
            log.accept("could not remove the run's keys from " + channel.describe() + ": " + e.getMessage()
                    + " (`cumulus clean` removes them later)");
        }
    }
}
