package dev.cumulus.engine.p2p;

import static dev.cumulus.config.Validator.any;
import static dev.cumulus.config.Validator.between;
import static dev.cumulus.config.Validator.oneOf;

import dev.cumulus.aggregate.AggregatorSpec;
import dev.cumulus.aggregate.Aggregators;
import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.config.ConfigKey;
import dev.cumulus.config.ValueType;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.chunk.ChunkCodec;
import dev.cumulus.engine.job.Job;
import dev.cumulus.engine.job.JobSpec;
import dev.cumulus.engine.job.ProtocolSettings;
import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.p2p.auth.PeerDirectory;
import dev.cumulus.engine.protocol.Collected;
import dev.cumulus.engine.protocol.Launch;
import dev.cumulus.engine.protocol.Protocol;
import dev.cumulus.engine.protocol.RoleContext;
import dev.cumulus.engine.protocol.RoleSpec;
import dev.cumulus.engine.protocol.RunKeys;
import dev.cumulus.engine.protocol.RunSetup;
import dev.cumulus.engine.protocol.WorkerOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Peer-to-peer serverless training as in SPIRT (Barrak et al., QRS 2023): P peers, each with its
 * own store, its own shard of the data and its own model, and no coordinator. Each round a peer's
 * gradient functions compute in parallel and the peer averages their gradients in its store;
 * every peer reads the others' averaged gradients from their stores, combines them with the
 * aggregation rule and updates its model. Peers that stop are excluded within a bounded time and
 * the others go on. See docs/P2P.md.
 */
public final class PeerToPeer implements Protocol {
    static final String PEER = "peer";
    static final String MIN_CHUNK_ROWS = "minChunkRows";
    /** Training rows over peers: the rows one epoch covers at each peer when shards differ in size (a Dirichlet split). */
    static final String MEAN_CHUNK_ROWS = "meanChunkRows";

    static final ConfigKey PEERS = new ConfigKey("p2p.peers", ValueType.INT, 4, between(1, 1000),
            "p2p: the number of peers P, each with its own store, shard of the data and model.");
    static final ConfigKey FUNCTIONS = new ConfigKey("p2p.functionsPerPeer", ValueType.INT, 1, between(1, 256),
            "p2p: gradient functions per peer, each computing `algorithm.batchSize` rows of the peer's batch in "
                    + "parallel (SPIRT's intra-peer parallelism); a peer's batch is functionsPerPeer x batchSize rows.");
    static final ConfigKey STORES = new ConfigKey("p2p.stores", ValueType.STRING, null, any(),
            "p2p: the peers' stores, one channel URI per peer separated by spaces (peer 0's first). Unset: a "
                    + "`memory:` store per peer named after the run (threads), a directory per peer beside a `file:` "
                    + "channel, or else the run's channel shared by every peer under per-peer keys.");
    static final ConfigKey AGGREGATION = new ConfigKey("p2p.aggregation", ValueType.STRING, "mean",
            oneOf(Aggregators.RULES.toArray(String[]::new)),
            "p2p: the rule that combines the peers' gradients each round: `mean`, or a robust rule of "
                    + "dev.cumulus.aggregate (median, trimmed-mean, krum, ...), declared for `p2p.f` Byzantine peers.");
    static final ConfigKey BYZANTINE = new ConfigKey("p2p.f", ValueType.INT, 0, between(0, 1000),
            "p2p: the number of Byzantine peers a robust `p2p.aggregation` rule is declared for.");
    static final ConfigKey HEARTBEAT = new ConfigKey("p2p.heartbeatMillis", ValueType.INT, 200, between(10, 600_000),
            "p2p: how often a peer renews its heartbeat (a key with an expiry in its own store); also the "
                    + "longest single blocking wait on another peer's store.");
    static final ConfigKey EXCLUSION = new ConfigKey("p2p.exclusionMillis", ValueType.INT, 2_000, between(20, 3_600_000),
            "p2p: a peer not heard of this long (heartbeat expired, or store unreachable) is excluded from "
                    + "aggregation, and the others go on without it.");
    static final ConfigKey ROUND_TIMEOUT = new ConfigKey("p2p.roundTimeoutMillis", ValueType.INT, 120_000,
            between(100, 86_400_000),
            "p2p: the longest a peer waits for the others' gradients of one round; a live peer later than "
                    + "this is excluded too.");

    static final ConfigKey KEYS = new ConfigKey("p2p.keys", ValueType.STRING, null, any(),
            "p2p: a file of the peers' Ed25519 public keys, one `RANK BASE64` line each (`cumulus keys` writes it). "
                    + "Set: every peer signs its gradients and join requests over (run, peer, round, SHA-256 of the "
                    + "payload), and refuses, and counts in the run's report, what is unsigned, forged, altered, "
                    + "replayed or from a peer not listed. Unset: nothing is signed.");
    static final ConfigKey PRIVATE_KEY = new ConfigKey("p2p.privateKey", ValueType.STRING, null, any(),
            "p2p: the private key file of each peer, `{rank}` standing for its rank (such as `keys/peer-{rank}.key`), "
                    + "for peers the driver starts; `cumulus peer --key FILE` gives one peer its key by hand. The "
                    + "path is recorded, never the key.");

    /** Peer stores the driver opened for a run, held until the model is collected (a memory store lives while a handle does). */
    private final Map<String, Map<String, Channel>> openStores = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "p2p";
    }

    @Override
    public String description() {
        return "peer-to-peer training as in SPIRT (P peers, a store each, no coordinator).";
    }

    @Override
    public List<ConfigKey> keys() {
        List<ConfigKey> keys = new ArrayList<>(List.of(PEERS, FUNCTIONS, STORES, AGGREGATION, BYZANTINE, HEARTBEAT,
                EXCLUSION, ROUND_TIMEOUT, KEYS, PRIVATE_KEY));
        keys.addAll(RobustKeys.keys());
        return keys;
    }

    @Override
    public ProtocolSettings bind(Job job, List<String> warnings) {
        int peers = job.integer(PEERS.name());
        List<String> stores = job.optionalString(STORES.name())
                .map(s -> Arrays.stream(s.trim().split("\\s+")).filter(u -> !u.isEmpty()).toList()).orElse(List.of());
        if (!stores.isEmpty() && stores.size() != peers) {
            throw job.invalid(STORES.name(), "one channel URI per peer: p2p.peers is " + peers + ", got "
                    + stores.size() + " URIs");
        }
        for (String uri : stores) {
            try {
                Channels.check(uri);
            } catch (ChannelException | IllegalArgumentException e) {
                throw job.invalid(STORES.name(), "channel URIs; '" + Channels.masked(uri) + "': " + e.getMessage());
            }
        }
        if (job.string("model.type").equals("kmeans")) {
            throw job.invalid("model.type", "a model trained by gradients (logistic, svm, softmax, mlp) under protocol p2p");
        }
        int heartbeat = job.integer(HEARTBEAT.name());
        int exclusion = job.integer(EXCLUSION.name());
        if (heartbeat >= exclusion) {
            throw job.invalid(EXCLUSION.name(), "more than p2p.heartbeatMillis (" + heartbeat
                    + "), or a live peer's heartbeat expires between two beats");
        }
        String aggregation = job.string(AGGREGATION.name());
        int f = job.integer(BYZANTINE.name());
        try {
            AggregatorSpec.of(aggregation, f);
        } catch (IllegalArgumentException e) {
            throw job.invalid(AGGREGATION.name(), e.getMessage());
        }
        job.warnIfSet("workers", "protocol p2p runs p2p.peers peers", warnings);
        return new P2pSettings(peers, job.integer(FUNCTIONS.name()), stores, aggregation, f, heartbeat, exclusion,
                job.integer(ROUND_TIMEOUT.name()), auth(job), RobustKeys.bind(job, peers, aggregation, f));
    }

    private static PeerAuthSettings auth(Job job) {
        String keys = job.optionalString(KEYS.name()).orElse(null);
        String privateKey = job.optionalString(PRIVATE_KEY.name()).orElse(null);
        if (keys == null) {
            if (privateKey != null) {
                throw job.invalid(KEYS.name(), "the peers' public keys, since p2p.privateKey is set");
            }
            return PeerAuthSettings.NONE;
        }
        try {
            PeerDirectory.read(java.nio.file.Path.of(keys));
        } catch (IllegalArgumentException e) {
            throw job.invalid(KEYS.name(), "a readable list of peer public keys; " + e.getMessage());
        }
        return new PeerAuthSettings(keys, privateKey);
    }

    @Override
    public Class<? extends ProtocolSettings> settingsType() {
        return P2pSettings.class;
    }

    @Override
    public Launch launch(RunSetup run) {
        JobSpec job = run.job();
        P2pSettings settings = job.settings(P2pSettings.class);
        int peers = settings.peers();
        List<Dataset> shards = settings.robust().split().shards(run.train(), peers, job.seed());
        int minRows = shards.stream().mapToInt(Dataset::rows).min().orElseThrow();
        if (minRows == 0) {
            throw new IllegalArgumentException("p2p.peers: " + peers + " peers for only " + run.train().rows()
                    + " training rows" + (settings.robust().split().iid() ? "" : " split " + settings.robust().split())
                    + "; every peer needs at least one row");
        }
        List<String> uris = PeerStores.of(run.runId(), job, settings);
        Map<String, Channel> open = openStores.computeIfAbsent(run.runId(), id -> new TreeMap<>());
        List<RoleSpec> roles = new ArrayList<>();
        for (int p = 0; p < peers; p++) {
            store(run, PeerStores.as(uris.get(p), p), open).put(run.keys().chunk(p), ChunkCodec.encode(shards.get(p)));
            // A peer that keeps failing (its store died) is excluded by the others, who go on without it.
            roles.add(new RoleSpec(PEER, p, PeerStores.as(uris.get(p), p)).allowedToEndUnfinished());
        }
        run.log().accept("staged " + peers + " shards, one in each peer's store"
                + (PeerStores.separate(run.runId(), job, settings) ? "" : " (the peers share the run's channel)"));
        return new Launch(roles, Map.of(MIN_CHUNK_ROWS, (long) minRows,
                MEAN_CHUNK_ROWS, (long) run.train().rows() / peers));
    }

    @Override
    public WorkerOutcome run(RoleContext context) {
        try (Peer peer = Peer.invoked(context)) {
            return peer.run();
        }
    }

    @Override
    public Collected collect(RunSetup run) {
        P2pSettings settings = run.job().settings(P2pSettings.class);
        List<String> uris = PeerStores.of(run.runId(), run.job(), settings);
        Map<String, Channel> open = openStores.computeIfAbsent(run.runId(), id -> new TreeMap<>());
        RunKeys keys = run.keys();
        try {
            Map<Integer, float[]> models = new TreeMap<>();
            Map<String, Object> rejected = new TreeMap<>();
            List<Integer> unreachable = new ArrayList<>();
            for (int p = 0; p < uris.size(); p++) {
                try {
                    Channel store = store(run, PeerStores.as(uris.get(p), p), open);
                    PeerKeys peer = new PeerKeys(keys, p);
                    PeerLog.read(store, peer.log()).forEach(run.log());
                    store.get(peer.rejected()).ifPresent(counts -> rejected.put("peer-" + peer.peer(), PeerAuth.readCounts(counts)));
                    store.get(peer.model()).ifPresent(m -> models.put(peer.peer(), FloatCodec.decode(m)));
                } catch (ChannelException e) {
                    // The store of a peer that ended unfinished may be gone with it; the others hold the model.
                    unreachable.add(p);
                    run.log().accept("peer-" + p + "'s store " + Channels.masked(uris.get(p))
                            + " is unreachable: its log and model are not collected (" + e.getMessage() + ")");
                }
            }
            if (models.isEmpty()) {
                throw new IllegalStateException("no peer of run " + run.runId() + " finished with a model");
            }
            Map.Entry<Integer, float[]> first = models.entrySet().stream()
                    .filter(e -> !settings.robust().isByzantine(e.getKey())).findFirst()
                    .orElse(models.entrySet().iterator().next());
            // The run's model, curve and counts come from an honest peer: a Byzantine one's loss curve is its own.
            Channel firstStore = store(run, PeerStores.as(uris.get(first.getKey()), first.getKey()), open);
            PeerKeys firstKeys = new PeerKeys(keys, first.getKey());
            String curve = new String(firstStore.get(firstKeys.curve()).orElseThrow(), StandardCharsets.UTF_8);
            Map<String, Object> report = new java.util.LinkedHashMap<>(ScreeningReport.read(firstStore, firstKeys));
            List<Integer> differing = models.entrySet().stream()
                    .filter(e -> !Arrays.equals(e.getValue(), first.getValue())).map(Map.Entry::getKey).toList();
            run.log().accept(differing.isEmpty()
                    ? "the " + models.size() + " peers that finished hold identical models " + models.keySet()
                    : "peers " + differing + " finished with models that differ from peer-" + first.getKey() + "'s");
            // With keys, what each peer refused of the others' messages, by reason (docs/P2P.md, "Authenticated peers").
            if (settings.auth().enabled()) {
                report.put("rejectedMessages", rejected);
            }
            if (!settings.robust().byzantinePeers().isEmpty()) {
                report.put("byzantinePeers", settings.robust().byzantinePeers());
                report.put("attack", settings.robust().attack());
            }
            report.put("peersFinished", List.copyOf(models.keySet()));
            if (!unreachable.isEmpty()) {
                report.put("peerStoresUnreachable", unreachable);
            }
            return new Collected(first.getValue(), EpochRecord.fromCsv(curve), Map.of(), report);
        } finally {
            release(run, open);
        }
    }

    /** The driver's handle on a peer's store: the run's channel itself, or one opened and held until collection. */
    private static Channel store(RunSetup run, String uri, Map<String, Channel> open) {
        if (uri.equals(run.channelUri())) {
            return run.channel();
        }
        return open.computeIfAbsent(uri, Channels::open);
    }

    /** Removes the run's keys from the peers' own stores (the driver cleans the run's channel) and closes them. */
    private void release(RunSetup run, Map<String, Channel> open) {
        openStores.remove(run.runId());
        for (Map.Entry<String, Channel> store : open.entrySet()) {
            try (Channel channel = store.getValue()) {
                channel.deleteAll(channel.list(run.keys().prefix()));
            } catch (RuntimeException e) {
                run.log().accept("could not remove the run's keys from " + Channels.masked(store.getKey()) + ": "
                        + e.getMessage());
            }
        }
    }
}
