package dev.cumulus.engine.p2p;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.ChannelTimeoutException;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.chunk.ChunkCodec;
import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.Timeline;
import dev.cumulus.engine.protocol.HandoffPolicy;
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
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
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
 *
 * <p>A peer joins by writing a request into the live peers' stores. Each peer lists the requests
 * in its store with its gradient's publication mark; after a round, every peer admits the union of
 * the requests the round's peers listed (the same union at every peer, since they read the same
 * marks) and hands the joiner the state after that round, from which it contributes the next.
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
    private final HandoffPolicy handoff;
    private final RunKeys runKeys;
    private final PeerChannels stores;
    /** The run's channel, where the driver's supervisor looks for this function; null without a driver. */
    private final Channel run;
    private final boolean closeRun;
    private final PeerLog log;
    private final GradientFunctions functions;
    private final RoundGather roundGather;
    private final PeerAuth auth;
    private final ScheduledExecutorService heartbeat;
    /** Probes excluded peers' stores on a thread of its own: a probe of a dead host must not delay a heartbeat. */
    private final ScheduledExecutorService probing;
    private final ExcludedStoreProbe probe;
    private final RoundTimes roundTimes = new RoundTimes();

    /**
     * @param run the run's channel if the driver's supervisor watches this function through it, else null
     * @param closeRun whether this peer owns {@code run}
     */
    Peer(RoleContext context, Channel run, boolean closeRun) {
        this(context, run, closeRun, null);
    }

    /** @param keyFile this peer's private key given by hand, or null for the job's {@code p2p.privateKey} */
    Peer(RoleContext context, Channel run, boolean closeRun, java.nio.file.Path keyFile) {
        this.task = context.task();
        this.settings = task.job().settings(P2pSettings.class);
        this.self = task.rank();
        this.own = context.channel();
        this.timeline = context.timeline();
        this.handoff = context.handoff();
        this.runKeys = task.keys();
        this.run = run;
        this.closeRun = closeRun;
        this.log = new PeerLog(own, keys(self).log(), task.role().id());
        this.stores = new PeerChannels(self, own, task.channelUri(), settings.exclusionMillis());
        this.functions = new GradientFunctions(task.role().id(), settings.functionsPerPeer(), own,
                PeerStores.as(task.channelUri(), self), keys(self));
        this.auth = PeerAuth.of(settings.auth(), task.runId(), self, keyFile, log);
        this.probe = new ExcludedStoreProbe(Math.max(1_000, settings.exclusionMillis()),
                (q, uri) -> stores.holds(uri, keys(q).alive()), log::add);
        this.roundGather = new RoundGather(self, runKeys, stores, settings, log, auth, probe);
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("cumulus-p2p-heartbeat"));
        this.probing = Executors.newSingleThreadScheduledExecutor(daemon("cumulus-p2p-probe"));
        probing.scheduleWithFixedDelay(() -> probe.probe(System.currentTimeMillis()), 1_000, 1_000, TimeUnit.MILLISECONDS);
    }

    /** A peer the driver invoked: the run's channel is where its supervisor looks, opened here if the peer has a store of its own. */
    static Peer invoked(RoleContext context) {
        RoleTask task = context.task();
        String runUri = PeerStores.runChannel(task.runId(), task.job());
        boolean separate = !runUri.equals(task.channelUri());
        return new Peer(context, separate ? Channels.open(runUri) : null, separate);
    }

    private PeerKeys keys(int peer) {
        return new PeerKeys(runKeys, peer);
    }

    /** Trains from the first round with the job's peers, its shard staged in its store; a peer restarted after a failure stays out. */
    WorkerOutcome run() {
        if (task.resume()) {
            return resume();
        }
        // Only now: a peer restarted after its exclusion must not look alive to the others.
        startHeartbeat();
        Dataset chunk = loadChunk();
        List<String> uris = PeerStores.of(task.runId(), task.job(), settings);
        Membership members = new Membership(List.of(), 0, settings.exclusionMillis());
        long start = System.currentTimeMillis() + STARTUP_GRACE_MILLIS;
        for (int q = 0; q < uris.size(); q++) {
            if (q == self || stores.open(q, uris.get(q))) {
                members.admitWithGrace(q, start);
            } else {
                log.add("excluded peer-" + q + " at the start: its store could not be opened");
            }
        }
        Model model = Models.create(task.job().model(), task.features(), task.classes());
        return train(chunk, new Admission(0, Map.of(), model.initialParameters(task.job().seed()), null, 0, List.of()),
                members);
    }

    private Dataset loadChunk() {
        try (Timeline.Span span = timeline.start(Phase.LOAD)) {
            byte[] bytes = own.await(runKeys.chunk(self), STAGING_WAIT);
            span.addBytes(bytes.length);
            return ChunkCodec.decode(bytes);
        }
    }

    /**
     * A successor continues from the state its predecessor handed over; a peer re-invoked after a
     * failure finds none, and stays out: the others have excluded it (or will, as it stays silent).
     */
    private WorkerOutcome resume() {
        var handedOver = own.get(keys(self).handover());
        if (handedOver.isEmpty()) {
            log.add("restarted after a failure; the others excluded it, so it stays out of this run");
            finish();
            return WorkerOutcome.FINISHED;
        }
        own.delete(keys(self).handover());
        startHeartbeat();
        Admission state = Admission.decode(handedOver.get());
        Membership members = new Membership(List.of(), 0, settings.exclusionMillis());
        long now = System.currentTimeMillis();
        for (Map.Entry<Integer, String> peer : state.stores().entrySet()) {
            if (peer.getKey() == self || stores.open(peer.getKey(), peer.getValue())) {
                members.admit(peer.getKey(), now);
            }
        }
        return train(loadChunk(), state, members);
    }

    /**
     * Hands over to a successor: the state after the last round in the store, and a heartbeat that
     * outlives this invocation long enough for the successor to start.
     */
    private WorkerOutcome handOver(Admission state) {
        heartbeat.shutdownNow();
        own.put(keys(self).handover(), state.encode());
        own.put(keys(self).alive(), new byte[] {1}, Duration.ofMillis(2 * settings.exclusionMillis()));
        log.add("handed over to a successor at round " + state.round());
        writeTimeline();
        return WorkerOutcome.HANDED_OVER;
    }

    /**
     * Joins a running job with {@code chunk} as its data: asks every live peer of the job, waits
     * for the first admission (at most the round time-out), and trains from the round it names.
     */
    WorkerOutcome join(Dataset chunk) {
        startHeartbeat();
        List<String> uris = PeerStores.of(task.runId(), task.job(), settings);
        List<Integer> asked = new ArrayList<>();
        for (int q = 0; q < uris.size(); q++) {
            if (q != self && stores.open(q, uris.get(q)) && stores.get(q).get(keys(q).alive()).isPresent()) {
                if (auth.enabled()) {
                    stores.get(q).put(keys(q).joinSignature(self), auth.signJoin(task.channelUri()));
                }
                stores.get(q).put(keys(q).join(self), task.channelUri().getBytes(StandardCharsets.UTF_8));
                asked.add(q);
            }
        }
        if (asked.isEmpty()) {
            throw new IllegalStateException(task.role().id() + ": no live peer of run " + task.runId() + " to join");
        }
        log.add("asked peers " + asked + " to join run " + task.runId());
        Admission admission = awaitAdmission(asked);
        long now = System.currentTimeMillis();
        Membership members = new Membership(List.of(), 0, settings.exclusionMillis());
        for (Map.Entry<Integer, String> peer : admission.stores().entrySet()) {
            int q = peer.getKey();
            if (q == self || stores.open(q, peer.getValue())) {
                members.admit(q, now);
            }
        }
        log.add("joined at round " + admission.round() + " with peers " + members.live());
        return train(chunk, admission, members);
    }

    private Admission awaitAdmission(List<Integer> asked) {
        long deadline = System.currentTimeMillis() + settings.roundTimeoutMillis();
        Duration slice = Duration.ofMillis(settings.heartbeatMillis());
        while (System.currentTimeMillis() < deadline) {
            for (int q : asked) {
                try {
                    return Admission.decode(stores.get(q).await(keys(q).admitted(self), slice));
                } catch (ChannelTimeoutException e) {
                    // not yet: the peers admit at the end of a round
                } catch (ChannelException e) {
                    // that peer's store failed; another may answer
                }
            }
        }
        throw new IllegalStateException(task.role().id() + ": no peer admitted it within " + settings.roundTimeoutMillis()
                + " ms");
    }

    private WorkerOutcome train(Dataset chunk, Admission start, Membership members) {
        Model model = Models.create(task.job().model(), task.features(), task.classes());
        int p = model.parameterCount();
        int epochs = task.job().training().epochs();
        Optimizer optimizer = Optimizers.create(task.job().training().optimizer(), p);
        if (start.optimizerState() != null) {
            optimizer.restore(start.optimizerState());
        }
        RobustSettings robust = settings.robust();
        GradientAttack attack = robust.isByzantine(self) ? robust.attack(task.job().seed()).orElseThrow() : null;
        AttackingPeer attacker = attack != null && attack.forges()
                ? new AttackingPeer(self, attack, robust.byzantinePeers(), runKeys, stores, settings) : null;
        Dataset data = attack != null ? attack.data(chunk) : chunk;
        PeerBatches schedule = robust.split().batches(task.job().seed(), self, data.rows(),
                (int) task.attribute(PeerToPeer.MIN_CHUNK_ROWS), (int) task.attribute(PeerToPeer.MEAN_CHUNK_ROWS),
                task.job().training().batchSize() * settings.functionsPerPeer());
        int steps = schedule.stepsPerEpoch();
        long rounds = (long) epochs * steps;
        LearningRateSchedule rates = task.job().training().schedule(steps);
        GradientCombiner combiner = new GradientCombiner(robust.aggregator(), p);
        ScreeningReport screening = new ScreeningReport();
        if (robust.isByzantine(self)) {
            log.add("is Byzantine: runs attack " + robust.attack());
        }
        Straggler straggler = new Straggler(task);
        ProgressBoard board = run != null ? new ProgressBoard(run, runKeys) : new ProgressBoard(own, runKeys);
        Double target = task.job().training().targetLoss();
        log.add(functions.describe());

        float[] w = start.parameters().clone();
        List<EpochRecord> curve = new ArrayList<>(start.curve());
        double epochLoss = start.epochLossSum();
        for (long round = start.round(); round < rounds; round++) {
            if (handoff.mustHandOver()) {
                return handOver(new Admission(round, stores.uris(members), w, optimizer.state(), epochLoss, curve));
            }
            long roundStart = System.nanoTime();
            int epoch = (int) (round / steps);
            int step = (int) (round % steps);
            timeline.round(round);
            straggler.maybeFail(round);
            int[] rows = schedule.rows(epoch, step);
            roundGather.expect(round, members);
            if (attacker != null) {
                try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                    attacker.publish(round, p, members, joinRequests(members), auth);
                }
            } else {
                try (Timeline.Span span = timeline.start(Phase.COMPUTE)) {
                    long computeStart = System.nanoTime();
                    functions.compute(round, model, data, rows, w);
                    straggler.afterCompute(round, System.nanoTime() - computeStart);
                }
                try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                    functions.publish(round, rows.length, joinRequests(members), auth);
                }
            }
            long publishedEpochMicros = Timeline.nowEpochMicros();
            RoundGather.Gathered gathered;
            try (Timeline.Span span = timeline.start(Phase.COMMUNICATE)) {
                gathered = roundGather.gather(round, members);
                span.addBytes((long) gathered.gradients().size() * FloatCodec.plainSize(p + 2));
            }
            roundTimes.add(round, publishedEpochMicros, roundGather.knewEpochMicros(), Timeline.nowEpochMicros());
            try (Timeline.Span span = timeline.start(Phase.COMPUTE)) {
                GradientCombiner.Combined combined = combine(combiner, gathered.gradients(), round, screening);
                optimizer.step(w, combined.gradient(), rates.scale(round, rounds));
                epochLoss += combined.meanLoss();
            }
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
            admit(gathered.joins(), members, new Admission(round + 1, Map.of(), w, optimizer.state(), epochLoss, curve));
            handoff.stepTook(System.nanoTime() - roundStart);
        }
        own.put(keys(self).model(), FloatCodec.encode(w));
        own.put(keys(self).curve(), EpochRecord.toCsv(curve).getBytes(StandardCharsets.UTF_8));
        auth.writeCounts(own, keys(self).rejected());
        screening.write(own, keys(self));
        if (screening.total() > 0) {
            log.add("dropped " + screening.total() + " malformed gradients in all");
        }
        own.put(keys(self).roundTimes(), roundTimes.encode());
        log.add("finished with " + members.live().size() + " live peers " + members.live());
        awaitFinished(members);
        finish();
        return WorkerOutcome.FINISHED;
    }

    /**
     * Marks this peer finished and waits (at most the exclusion time) until every live peer has too:
     * until then one may still read this peer's last gradient, which the driver removes after the run.
     */
    private void awaitFinished(Membership members) {
        own.put(keys(self).finished(), new byte[] {1});
        long deadline = System.currentTimeMillis() + settings.exclusionMillis();
        for (int q : members.live()) {
            try {
                stores.get(q).await(keys(q).finished(), Duration.ofMillis(Math.max(1, deadline - System.currentTimeMillis())));
            } catch (ChannelException e) {
                // gone or late: it has what it needs, or it will be excluded by the others anyway
            }
        }
    }

    /** The join requests in this peer's store from peers not live yet: rank and store URI. */
    private Map<Integer, String> joinRequests(Membership members) {
        Map<Integer, String> requests = new TreeMap<>();
        String prefix = keys(self).joins();
        for (String key : own.list(prefix)) {
            String rank = key.substring(prefix.length());
            if (!rank.matches("[0-9]{1,9}")) {
                continue; // not a request (an ACL glob lets a peer write such names); never a crash
            }
            int joiner = Integer.parseInt(rank);
            if (!members.isLive(joiner)) {
                var request = own.get(key).map(uri -> new String(uri, StandardCharsets.UTF_8));
                if (request.isPresent() && auth.enabled()
                        && !auth.admitsJoin(joiner, request.get(), own.get(keys(self).joinSignature(joiner)).orElse(null))) {
                    // Refused once, counted once: the request goes (this store is this peer's to clean).
                    own.deleteAll(List.of(key, keys(self).joinSignature(joiner)));
                    continue;
                }
                request.ifPresent(uri -> requests.put(joiner, uri));
            }
        }
        return requests;
    }

    /**
     * The peers' messages (rank order) screened and combined by the rule ({@link GradientCombiner});
     * the first drop of each sender and every fallback from the declared rule is logged.
     */
    private GradientCombiner.Combined combine(GradientCombiner combiner, SortedMap<Integer, float[]> gradients, long round,
            ScreeningReport screening) {
        Integer[] ranks = gradients.keySet().toArray(Integer[]::new);
        GradientCombiner.Combined combined = combiner.combine(gradients.values().toArray(float[][]::new));
        for (int i : combined.droppedIndices()) {
            if (screening.dropped(ranks[i])) {
                log.add("round " + round + ": dropped peer-" + ranks[i] + "'s gradient (NaN, infinite or of the wrong length);"
                        + " counted, and every later drop too");
            }
        }
        if (combined.fallback() != null) {
            log.add("round " + round + ": " + combined.fallback());
        }
        return combined;
    }

    /**
     * Admits the peers whose requests the round's marks listed: from the next round they are live,
     * and each finds here the state after this round ({@code next}, which lists them too).
     */
    private void admit(Map<Integer, String> joins, Membership members, Admission next) {
        if (joins.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        for (Map.Entry<Integer, String> joiner : joins.entrySet()) {
            int j = joiner.getKey();
            if (stores.open(j, joiner.getValue())) {
                probe.forget(j);
                members.admit(j, now);
            } else {
                log.add("could not open the store of peer-" + j + ", which asked to join; not admitted");
            }
        }
        Admission admission = new Admission(next.round(), stores.uris(members), next.parameters(), next.optimizerState(),
                next.epochLossSum(), next.curve());
        for (int j : joins.keySet()) {
            if (members.isLive(j)) {
                own.put(keys(self).admitted(j), admission.encode());
                own.deleteAll(List.of(keys(self).join(j), keys(self).joinSignature(j)));
                log.add("admitted peer-" + j + " from round " + next.round());
            }
        }
    }

    /** Deletes this peer's gradient (and seen set) of {@code round}: every live peer has read them once it published the next. */
    private void forget(long round) {
        if (round >= 0) {
            PeerKeys mine = keys(self);
            own.deleteAllAsync(List.of(mine.gradient(round), mine.published(round), mine.signature(round), mine.seen(round)));
        }
    }

    /** What the driver's supervisor looks for in the run's channel, where a peer with a store of its own must put it. */
    private void finish() {
        if (run == null) {
            return;
        }
        writeTimeline();
        run.put(runKeys.done(task.role()), new byte[] {1});
    }

    private void writeTimeline() {
        if (run == null) {
            return;
        }
        StringBuilder csv = new StringBuilder();
        timeline.events().forEach(e -> csv.append(e.csv()).append('\n'));
        run.put(runKeys.timeline(task.role(), "peer-" + task.invokedEpochMicros()), csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void startHeartbeat() {
        heartbeat.scheduleAtFixedRate(this::beat, 0, settings.heartbeatMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        try {
            // A short expiry: a stopped peer's key is gone within three beats, and the others' exclusion clock starts then.
            own.put(keys(self).alive(), new byte[] {1},
                    Duration.ofMillis(Math.min(settings.exclusionMillis(), 3 * settings.heartbeatMillis())));
            if (run != null) {
                run.put(runKeys.heartbeat(task.role()), new byte[] {1}, Duration.ofSeconds(3));
            }
        } catch (RuntimeException e) {
            // A missed beat is what the others watch for; this peer's own calls fail loudly.
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        probing.shutdownNow();
        functions.close();
        stores.close();
        if (closeRun) {
            run.close();
        }
    }
}
