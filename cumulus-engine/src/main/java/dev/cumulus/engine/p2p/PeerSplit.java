package dev.cumulus.engine.p2p;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.chunk.DirichletPartitioner;
import dev.cumulus.data.chunk.Partitioner;
import dev.cumulus.engine.protocol.BatchSchedule;
import java.util.List;

/**
 * How the training set is dealt to the peers ({@code p2p.split}): {@code iid}, a seeded shuffle cut
 * into equal shards; or {@code dirichlet:ALPHA}, each class cut among the peers in proportions drawn
 * from Dirichlet(alpha) ({@link DirichletPartitioner}), since robustness is easy on identical data.
 *
 * @param alpha the Dirichlet concentration, or 0 for the IID split
 */
public record PeerSplit(double alpha) {
    public static final PeerSplit IID = new PeerSplit(0);

    public PeerSplit {
        if (alpha < 0 || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("Dirichlet alpha must be finite and > 0, got " + alpha);
        }
    }

    /** {@code iid} or {@code dirichlet:ALPHA} with ALPHA > 0. */
    public static PeerSplit parse(String text) {
        String t = text.trim();
        if (t.equals("iid")) {
            return IID;
        }
        if (t.startsWith("dirichlet:")) {
            try {
                double alpha = Double.parseDouble(t.substring("dirichlet:".length()));
                if (alpha > 0 && Double.isFinite(alpha)) {
                    return new PeerSplit(alpha);
                }
            } catch (NumberFormatException e) {
                // reported below with the expected form
            }
        }
        throw new IllegalArgumentException("iid or dirichlet:ALPHA with ALPHA a number > 0, got '" + text + "'");
    }

    public boolean iid() {
        return alpha == 0;
    }

    /** Each peer's shard of {@code train}, in rank order, fixed by {@code seed}. */
    public List<Dataset> shards(Dataset train, int peers, long seed) {
        return iid() ? Partitioner.shuffled(peers, seed).split(train) : new DirichletPartitioner(peers, alpha, seed).split(train);
    }

    /**
     * A peer's batches: the workers' schedule over equal shards, or cycling through an unequal shard.
     *
     * @param minShardRows rows of the smallest shard
     * @param meanShardRows training rows divided by the peers (the rows one epoch covers at a peer)
     */
    public PeerBatches batches(long seed, int rank, int shardRows, int minShardRows, int meanShardRows, int batchSize) {
        return iid() ? PeerBatches.of(new BatchSchedule(seed, rank, shardRows, minShardRows, batchSize))
                : new CyclingBatches(seed, rank, shardRows, Math.max(1, meanShardRows), batchSize);
    }

    @Override
    public String toString() {
        return iid() ? "iid" : "dirichlet:" + alpha;
    }
}
