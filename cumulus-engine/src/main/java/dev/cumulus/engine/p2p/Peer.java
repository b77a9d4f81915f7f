package dev.cumulus.engine.p2p;

import dev.cumulus.aggregate.Aggregator;
import dev.cumulus.aggregate.AggregatorSpec;
import dev.cumulus.aggregate.Aggregators;
import dev.cumulus.aggregate.Mean;
import dev.cumulus.aggregate.TooFewInputsException;
import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.ChannelTimeoutException;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.chunk.ChunkCodec;
import dev.cumulus.engine.lambdaml.BatchSchedule;
import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.Timeline;
import dev.cumulus.engine.protocol.ProgressBoard;
import dev.cumulus.engine.protocol.RoleContext;
import dev.cumulus.engine.protocol.RoleTask;
import dev.cumulus.engine.protocol.RunKeys;
import dev.cumulus.engine.protocol.RunProgress;
import dev.cumulus.engine.protocol.Straggler;
import dev.cumulus.engine.protocol.WorkerOutcome;
import dev.cumulus.model.Model;
import dev.cumulus.model.Models;
import dev.cumulus.optim.LearningRateSchedule;
import dev.cumulus.optim.Optimizer;
import dev.cumulus.optim.Optimizers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One peer of a peer-to-peer run (SPIRT): it owns a store, a shard of the data and a model, and
 * trains in rounds with the other peers without a coordinator.
 *
 * <p>Each round its gradient functions (threads of this function, one per slice of the peer's
 * batch) write their sums into the peer's store; the peer averages them there (inside the store
 * when it can compute, else client-side) into the round's gradient and marks it published; it
 * waits, with bounded blocking waits on the other peers' stores, for every live peer's gradient
 * of the round; it combines them in rank order with the aggregation rule and updates its model
 * with the job's optimiser. Peers that read the same gradients take the same steps, so the honest
 * peers' models stay identical. A peer whose heartbeat expired, or whose store failed, for longer
 * than the exclusion time is excluded, and the others go on.
 */
final class Peer implements AutoCloseable {
    /** A peer may start this much later than the others (a process's JVM start) before it counts as silent. */
    private static final long STARTUP_GRACE_MILLIS = 30_000;
    private static final Duration STAGING_WAIT = Duration.ofSeconds(60);

    private final RoleTask task;
    private final P2pSettings settings;
    private final int self;
    private final Channel own;
    private final Timeline timeline;
    private final RunKeys runKeys;
    private final List<PeerKeys> keys = new ArrayList<>();
    private final List<Channel> stores = new ArrayList<>();
    private final Channel run;
    private final boolean ownRunChannel;
    private final PeerLog log;
    private final StoreArithmetic arithmetic;
    private final ExecutorService functions;
    private final ScheduledExecutorService heartbeat;

    Peer(RoleContext context) {
        this.task = context.task();
        this.settings = task.job().settings(P2pSettings.class);
        this.self = task.rank();
        this.own = context.channel();
        this.timeline = context.timeline();
        this.runKeys = task.keys();
        List<String> uris = PeerStores.of(task.runId(), task.job(), settings);
        for (int q = 0; q < uris.size(); q++) {
            keys.add(new PeerKeys(runKeys, q));
            stores.add(q == self ? own : openOrNull(uris.get(q)));
        }
        String runUri = PeerStores.runChannel(task.runId(), task.job());
        this.ownRunChannel = !runUri.equals(task.channelUri());
        this.run = ownRunChannel ? Channels.open(runUri) : own;
        this.log = new PeerLog(own, keys.get(self).log(), task.role().id());
        this.arithmetic = StoreArithmetics.open(task.channelUri(), own);
        this.functions = Executors.newFixedThreadPool(settings.functionsPerPeer(), daemon("cumulus-p2p-function"));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("cumulus-p2p-heartbeat"));
    }

    /** Trains until the last epoch or the target loss; a peer restarted after a failure stays out. */
    WorkerOutcome run() {
        if (task.resume()) {
            log.add("restarted after a failure; the others excluded it, so it stays out of this run");
            finish();
            return WorkerOutcome.FINISHED;
        }
        // Only now: a peer restarted after its exclusion must not look alive to the others.
        heartbeat.scheduleAtFixedRate(this::beat, 0, settings.heartbeatMillis(), TimeUnit.MILLISECONDS);
        Dataset chunk = load();
        Model model = Models.create(task.job().model(), task.features(), task.classes());
        int p = model.parameterCount();
        long seed = task.job().seed();
        int epochs = task.job().training().epochs();
        Optimizer optimizer = Optimizers.create(task.job().training().optimizer(), p);
        BatchSchedule schedule = new BatchSchedule(seed, self, chunk.rows(), (int) task.attribute(PeerToPeer.MIN_CHUNK_ROWS),
                task.job().training().batchSize() * settings.functionsPerPeer());
        int steps = schedule.stepsPerEpoch();
        long rounds = (long) epochs * steps;
        LearningRateSchedule rates = task.job().training().schedule(steps);
        Aggregator rule = Aggregators.create(AggregatorSpec.of(settings.aggregation(), settings.byzantine()));
        Straggler straggler = new Straggler(task);
        ProgressBoard board = new ProgressBoard(run, runKeys);
        Double target = task.job().training().targetLoss();
        log.add("averages its " + settings.functionsPerPeer() + " functions' gradients " + arithmetic.describe());

        List<Integer> everyone = new ArrayList<>();
        for (int q = 0; q < stores.size(); q++) {
            everyone.add(q);
        }
        Membership members = new Membership(everyone, System.currentTimeMillis() + STARTUP_GRACE_MILLIS,
                settings.exclusionMillis());
        for (int q = 0; q < stores.size(); q++) {
            if (stores.get(q) == null) {
                members.exclude(q);
                log.add("excluded peer-" + q + " at the start: its store could not be opened");
            }
        }

        float[] w = model.initialParameters(seed);
        List<EpochRecord> curve = new ArrayList<>();
        double epochLoss = 0;
        for (long round = 0; round < rounds; round++) {
            long roundStart = System.nanoTime();
            int epoch = (int) (round / steps);
            int step = (int) (round % steps);
            timeline.round(round);
            straggler.maybeFail(round);
            int[] rows = schedule.rows(epoch, step);
            try (Timeline.Span span = timeline.start(Phase.COMPUTE)) {
                long computeStart = System.nanoTime();
                computeParts(round, model, chunk, rows, w);
                straggler.afterCompute(round, System.nanoTime() - computeStart);
            }
            try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                publish(round, rows.length);
            }
            SortedMap<Integer, float[]> gradients;
            try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                gradients = gather(round, members);
                span.addBytes((long) gradients.size() * FloatCodec.plainSize(p + 2));
            }
            try (Timeline.Span span = timeline.start(Phase.COMPUTE)) {
                float[] combined = combine(rule, gradients, p, round);
                optimizer.step(w, combined, rates.scale(round, rounds));
            }
            double roundLoss = 0;
            for (float[] g : gradients.values()) {
                roundLoss += g[p];
            }
            epochLoss += roundLoss / gradients.size();
            forget(round - 1);
            if (self == members.live().first()) {
                board.post(new RunProgress(epoch, epochs, step + 1, steps, epochLoss / (step + 1),
                        (System.nanoTime() - roundStart) / 1e6));
            }
            if (step == steps - 1) {
                double loss = epochLoss / steps;
                curve.add(new EpochRecord(epoch + 1, loss, (Timeline.nowEpochMicros() - task.originEpochMicros()) / 1e6));
                epochLoss = 0;
                // Every live peer read the same gradients, so all stop at the same epoch without a vote.
                if (target != null && loss <= target) {
                    break;
                }
            }
        }
        own.put(keys.get(self).model(), FloatCodec.encode(w));
        own.put(keys.get(self).curve(), EpochRecord.toCsv(curve).getBytes(StandardCharsets.UTF_8));
        log.add("finished with " + members.live().size() + " live peers " + members.live());
        finish();
        return WorkerOutcome.FINISHED;
    }

    private Dataset load() {
        try (Timeline.Span span = timeline.start(Phase.LOAD)) {
            byte[] bytes = own.await(runKeys.chunk(self), STAGING_WAIT);
            span.addBytes(bytes.length);
            return ChunkCodec.decode(bytes);
        }
    }

    /** Each function computes its slice of the batch and writes (gradient x rows, loss x rows, rows) into the store. */
    private void computeParts(long round, Model model, Dataset chunk, int[] rows, float[] w) {
        int f = settings.functionsPerPeer();
        int p = model.parameterCount();
        List<Future<?>> parts = new ArrayList<>(f);
        for (int i = 0; i < f; i++) {
            int[] slice = Arrays.copyOfRange(rows, i * rows.length / f, (i + 1) * rows.length / f);
            String key = keys.get(self).part(round, i);
            parts.add(functions.submit(() -> {
                float[] message = new float[p + 2];
                if (slice.length > 0) {
                    float[] gradient = new float[p];
                    double loss = model.lossAndGradient(w, chunk, slice, gradient);
                    float n = slice.length;
                    for (int j = 0; j < p; j++) {
                        message[j] = gradient[j] * n;
                    }
                    message[p] = (float) (loss * n);
                    message[p + 1] = n;
                }
                own.put(key, FloatCodec.encode(message));
            }));
        }
        for (Future<?> part : parts) {
            try {
                part.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(task.role().id() + ": a gradient function failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(task.role().id() + ": interrupted while computing gradients", e);
            }
        }
    }

    /** Sums the functions' parts into the round's gradient, divides by the rows, and marks it published. */
    private void publish(long round, int rows) {
        PeerKeys mine = keys.get(self);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < settings.functionsPerPeer(); i++) {
            parts.add(mine.part(round, i));
        }
        arithmetic.sum(mine.gradient(round), parts);
        arithmetic.scale(mine.gradient(round), 1f / rows);
        own.put(mine.published(round), new byte[] {1});
        own.deleteAllAsync(parts);
    }

    /**
     * The round's gradient of every live peer, this one's included, by rank: blocking waits of at
     * most one heartbeat interval on each missing peer's store, and between them the exclusion of
     * peers that went silent or missed the round's time-out.
     */
    private SortedMap<Integer, float[]> gather(long round, Membership members) {
        SortedMap<Integer, float[]> gathered = new TreeMap<>();
        gathered.put(self, read(self, round));
        List<Integer> pending = new ArrayList<>(members.live());
        pending.remove(Integer.valueOf(self));
        long deadline = System.currentTimeMillis() + settings.roundTimeoutMillis();
        Duration slice = Duration.ofMillis(settings.heartbeatMillis());
        while (!pending.isEmpty()) {
            for (Integer q : List.copyOf(pending)) {
                Channel store = stores.get(q);
                try {
                    store.await(keys.get(q).published(round), slice);
                    gathered.put(q, read(q, round));
                    pending.remove(q);
                    members.heard(q, System.currentTimeMillis());
                } catch (ChannelTimeoutException e) {
                    if (store.get(keys.get(q).alive()).isPresent()) {
                        members.heard(q, System.currentTimeMillis());
                    }
                } catch (ChannelException | IllegalStateException e) {
                    // Unreachable or incomplete: not heard of; silence long enough excludes it below.
                }
            }
            long now = System.currentTimeMillis();
            for (int q : members.silent(pending, now)) {
                members.exclude(q);
                pending.remove(Integer.valueOf(q));
                log.add("excluded peer-" + q + " at round " + round + ": not heard of for " + members.silenceMillis(q, now)
                        + " ms (exclusion after " + settings.exclusionMillis() + " ms); " + members.live().size()
                        + " peers go on");
            }
            if (!pending.isEmpty() && now > deadline) {
                for (int q : pending) {
                    members.exclude(q);
                    log.add("excluded peer-" + q + " at round " + round + ": no gradient within the round's time-out of "
                            + settings.roundTimeoutMillis() + " ms");
                }
                pending.clear();
            }
        }
        return gathered;
    }

    private float[] read(int peer, long round) {
        byte[] bytes = stores.get(peer).get(keys.get(peer).gradient(round)).orElseThrow(() ->
                new IllegalStateException("peer-" + peer + " published round " + round + " without its gradient"));
        return FloatCodec.decode(bytes);
    }

    /** The peers' gradients (rank order, loss and count dropped) combined by the rule; the mean if too few are left for it. */
    private float[] combine(Aggregator rule, SortedMap<Integer, float[]> gradients, int p, long round) {
        float[][] inputs = new float[gradients.size()][];
        int i = 0;
        for (float[] g : gradients.values()) {
            inputs[i++] = Arrays.copyOf(g, p);
        }
        try {
            return rule.aggregate(inputs);
        } catch (TooFewInputsException e) {
            log.add("round " + round + ": " + e.getMessage() + "; combined " + inputs.length + " gradients by their mean");
            return new Mean().aggregate(inputs);
        }
    }

    /** Deletes this peer's gradient of {@code round}: every live peer has read it once it published the next. */
    private void forget(long round) {
        if (round >= 0) {
            PeerKeys mine = keys.get(self);
            own.deleteAllAsync(List.of(mine.gradient(round), mine.published(round)));
        }
    }

    /** What the driver's supervisor looks for in the run's channel, where a peer with a store of its own must put it. */
    private void finish() {
        if (!ownRunChannel) {
            return;
        }
        StringBuilder csv = new StringBuilder();
        timeline.events().forEach(e -> csv.append(e.csv()).append('\n'));
        run.put(runKeys.timeline(task.role(), "peer-" + task.invokedEpochMicros()), csv.toString().getBytes(StandardCharsets.UTF_8));
        run.put(runKeys.done(task.role()), new byte[] {1});
    }

    private void beat() {
        try {
            own.put(keys.get(self).alive(), new byte[] {1}, Duration.ofMillis(settings.exclusionMillis()));
            if (ownRunChannel) {
                run.put(runKeys.heartbeat(task.role()), new byte[] {1}, Duration.ofSeconds(3));
            }
        } catch (RuntimeException e) {
            // A missed beat is what the others watch for; this peer's own calls fail loudly.
        }
    }

    private Channel openOrNull(String uri) {
        try {
            return Channels.open(uri);
        } catch (ChannelException e) {
            return null;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        functions.shutdownNow();
        arithmetic.close();
        for (int q = 0; q < stores.size(); q++) {
            if (q != self && stores.get(q) != null) {
                stores.get(q).close();
            }
        }
        if (ownRunChannel) {
            run.close();
        }
    }
}
