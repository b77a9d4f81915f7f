package dev.cumulus.engine.p2p;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.chunk.ChunkCodec;
import dev.cumulus.data.chunk.Partitioner;
import dev.cumulus.engine.job.JobSpec;
import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.metrics.Timeline;
import dev.cumulus.engine.model.TrainedModel;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.HandoffPolicy;
import dev.cumulus.engine.protocol.RoleContext;
import dev.cumulus.engine.protocol.RoleSpec;
import dev.cumulus.engine.protocol.RoleTask;
import dev.cumulus.engine.protocol.RunKeys;
import dev.cumulus.engine.protocol.TrainingData;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One peer of a {@code p2p} job run on its own, without a driver (the {@code cumulus peer}
 * command): either one of the job's P peers from the first round, each started by hand on a
 * machine of its own with the same job and run name, or a new peer joining a running job.
 */
public final class StandalonePeer {
    private StandalonePeer() {
    }

    /**
     * What the peer ended with.
     *
     * @param metrics the trained model's test metrics on the job's test set
     */
    public record Result(String runId, int rank, float[] parameters, List<EpochRecord> curve, Map<String, Double> metrics) {
    }

    /**
     * Runs peer {@code rank} of run {@code runId}: loads the job's data, takes its shard (peers of the
     * job: shard {@code rank} of the driver's split; a joiner: a seeded sample of the same size),
     * and trains, from the first round or, when {@code join}, from the round a live peer admits it at.
     *
     * @param runId the run's name; null to join the one live run in peer 0's store
     * @param storeUri this peer's store; null for its entry in {@code p2p.stores}
     * @param log receives the peer's decisions, one line each
     */
    public static Result run(BoundJob bound, String runId, int rank, String storeUri, boolean join, Consumer<String> log) {
        return run(bound, runId, rank, storeUri, join, null, log);
    }

    /**
     * As {@link #run(BoundJob, String, int, String, boolean, Consumer)}, with this peer's private key
     * file given by hand ({@code cumulus peer --key FILE}) when the job has keys ({@code p2p.keys}).
     *
     * @param keyFile null for the job's {@code p2p.privateKey}
     */
    public static Result run(BoundJob bound, String runId, int rank, String storeUri, boolean join, java.nio.file.Path keyFile,
            Consumer<String> log) {
        JobSpec job = bound.spec();
        if (!job.protocol().equals("p2p")) {
            throw new IllegalArgumentException("a peer runs a job of protocol p2p, not " + job.protocol());
        }
        P2pSettings settings = job.settings(P2pSettings.class);
        if (!join && rank >= settings.peers()) {
            throw new IllegalArgumentException("rank " + rank + " is not one of the job's " + settings.peers()
                    + " peers (0 to " + (settings.peers() - 1) + "); a new peer joins with --join");
        }
        String run = runId != null ? runId : discoverRun(job, settings);
        List<String> stores = PeerStores.of(run, job, settings);
        String uri = storeUri != null ? storeUri : rank < stores.size() ? stores.get(rank) : null;
        if (uri == null) {
            throw new IllegalArgumentException("peer " + rank + " has no entry in p2p.stores: give its store");
        }
        TrainingData data = TrainingData.load(job);
        Dataset train = data.train();
        List<Dataset> shards = settings.robust().split().shards(train, settings.peers(), job.seed());
        int minRows = shards.stream().mapToInt(Dataset::rows).min().orElseThrow();
        Dataset chunk = rank < settings.peers() ? shards.get(rank)
                : Partitioner.shuffled(settings.peers(), job.seed() + rank).split(train).get(rank % settings.peers());
        long now = Timeline.nowEpochMicros();
        RoleTask task = new RoleTask(run, new RoleSpec(PeerToPeer.PEER, rank, uri), rank, job, uri, train.cols(),
                train.numClasses(), Map.of(PeerToPeer.MIN_CHUNK_ROWS, (long) minRows,
                PeerToPeer.MEAN_CHUNK_ROWS, (long) train.rows() / settings.peers()), now, now, false);
        RunKeys keys = task.keys();
        PeerKeys mine = new PeerKeys(keys, rank);
        try (Channel own = Channels.open(PeerStores.as(uri, rank))) {
            RoleContext context = new RoleContext(task, own, new Timeline(rank, now), new HandoffPolicy(() -> Long.MAX_VALUE));
            try (Peer peer = new Peer(context, null, false, keyFile)) {
                if (join) {
                    peer.join(chunk);
                } else {
                    own.put(keys.chunk(rank), ChunkCodec.encode(chunk));
                    peer.run();
                }
            } finally {
                PeerLog.read(own, mine.log()).forEach(log);
            }
            float[] parameters = FloatCodec.decode(own.get(mine.model()).orElseThrow());
            List<EpochRecord> curve = EpochRecord.fromCsv(new String(own.get(mine.curve()).orElseThrow(), StandardCharsets.UTF_8));
            TrainedModel model = new TrainedModel(job.model(), train.cols(), train.numClasses(), parameters, data.scaling(),
                    data.labels());
            Map<String, Double> metrics = new LinkedHashMap<>(model.metricsOfScaled("test", data.test()));
            return new Result(run, rank, parameters, curve, metrics);
        }
    }

    /** The run whose peer 0 is alive in its store: the one a joiner without a run name joins. */
    private static String discoverRun(JobSpec job, P2pSettings settings) {
        if (settings.stores().isEmpty()) {
            throw new IllegalArgumentException("to join without a run name, the job must list the peers' stores (p2p.stores)");
        }
        try (Channel first = Channels.open(settings.stores().get(0))) {
            List<String> live = first.list("runs/").stream()
                    .filter(k -> k.endsWith("/p2p/peer-0/alive"))
                    .map(k -> k.substring("runs/".length(), k.indexOf('/', "runs/".length())))
                    .distinct().toList();
            if (live.size() != 1) {
                throw new IllegalArgumentException("found " + live.size() + " live runs in " + Channels.masked(settings.stores().get(0))
                        + (live.isEmpty() ? "" : " " + live) + "; name the one to join");
            }
            return live.get(0);
        }
    }

    /** The name of the one live run in peer 0's store, if there is exactly one. */
    static Optional<String> liveRun(JobSpec job, P2pSettings settings) {
        try {
            return Optional.of(discoverRun(job, settings));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
