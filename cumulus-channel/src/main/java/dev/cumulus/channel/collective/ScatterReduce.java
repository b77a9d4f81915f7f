package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.ChannelTimeoutException;
import dev.cumulus.channel.CorruptValueException;
import dev.cumulus.channel.codec.FloatSlice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LambdaML's ScatterReduce: each of N workers owns 1/N of the vector, sums that shard over every
 * worker and publishes it; then every worker gathers the N summed shards.
 *
 * <p>A shard travels in parts of at most {@link AllReduce#DEFAULT_PART_FLOATS} floats, and its
 * owner sums them as {@link AllReduce}'s reducer does: the next part's inputs are requested before
 * this part is summed, and each summed part is published without waiting for the store.
 *
 * <p>Keys, for round {@code r}: {@code PREFIX/r/in/L/SHARD/PART/RANK} (part PART of shard SHARD of
 * worker RANK, L the vector's length, written for every shard but the worker's own) and
 * {@code PREFIX/r/out/SHARD/PART}. Shards follow {@link Shards}. Each worker deletes its previous
 * round's inputs as its new ones take their place (see {@link RoundKeys}): it has every summed
 * shard of that round, so every owner has read them. The owner of a shard deletes its previous
 * round's output once every worker has written this round's first part of its shard (so all have
 * read the previous one). A worker does not wait for its puts to be stored before its next read (see
 * {@link PendingPuts}), only before it returns.
 *
 * <p>Gathers write under {@code PREFIX/r/gather/}, the same for both collectives (see
 * {@link Collective#gather}).
 */
public final class ScatterReduce implements Collective {
    private final GroupConfig group;
    private final PartBuffers buffers = new PartBuffers();
    /** This worker's inputs of its last round, deleted just before it writes the next round's (see {@link RoundKeys}). */
    private final RoundKeys ownInputs;
    private final PublishedParts ownShard;
    private final int partFloats;
    private final Gather gather;

    /** A member of a group of {@code workers}, with shards sent uncompressed. */
    public ScatterReduce(Channel channel, String prefix, int rank, int workers, Duration timeout) {
        this(channel, prefix, rank, workers, timeout, false);
    }

    /** As above; {@code lz4} compresses every shard written to the channel. */
    public ScatterReduce(Channel channel, String prefix, int rank, int workers, Duration timeout, boolean lz4) {
        this(channel, prefix, rank, workers, timeout, lz4, AllReduce.DEFAULT_PART_FLOATS);
    }

    /** As above, with shards sent in parts of {@code partFloats} floats (every member must use the same). */
    public ScatterReduce(Channel channel, String prefix, int rank, int workers, Duration timeout, boolean lz4,
                         int partFloats) {
        if (partFloats < 1) {
            throw new IllegalArgumentException("partFloats must be >= 1, got " + partFloats);
        }
        this.group = new GroupConfig(channel, prefix, rank, workers, timeout, lz4);
        this.ownInputs = new RoundKeys(channel);
        this.ownShard = new PublishedParts(channel, round -> outputDirectory(round, rank));
        this.partFloats = partFloats;
        this.gather = new Gather(group, "ScatterReduce", partFloats);
    }

    @Override
    public float[] sum(long round, float[] vector) {
        return sum(round, vector, new float[vector.length]);
    }

    @Override
    public float[] sum(long round, float[] vector, float[] result) {
        Collective.checkResult(vector, result);
        int n = group.workers();
        if (n == 1) {
            System.arraycopy(vector, 0, result, 0, vector.length);
            return result;
        }
        long deadline = System.nanoTime() + group.timeout().toNanos();
        Channel channel = group.channel();
        int me = group.rank();
        int length = vector.length;
        Shards shards = new Shards(length, n);
        Map<String, FloatSlice> outgoing = outgoing(round, vector, shards);
        List<String> replaced = ownInputs.previous(round, previous -> List.copyOf(outgoing(previous, vector, shards).keySet()));
        ownInputs.record(round, List.copyOf(outgoing.keySet()));
        // Neither the inputs nor the summed shard are waited for before the next read (see PendingPuts).
        PendingPuts inputs = new PendingPuts(channel);
        inputs.replaceAll(replaced, outgoing);
        PendingPuts summed = new PendingPuts(channel);
        reduceOwnShard(round, vector, shards, result, deadline, summed);
        inputs.join();
        gatherOtherShards(round, shards, result, deadline);
        summed.join();
        ownShard.published(round, parts(shards.size(me)));
        return result;
    }

    /** This worker's inputs to every other shard's owner in {@code round}, by key. */
    private Map<String, FloatSlice> outgoing(long round, float[] vector, Shards shards) {
        Map<String, FloatSlice> outgoing = new LinkedHashMap<>();
        for (int shard = 0; shard < group.workers(); shard++) {
            if (shard == group.rank()) {
                continue;
            }
            for (int p = 0; p < parts(shards.size(shard)); p++) {
                outgoing.put(inputKey(round, vector.length, shard, p, group.rank()),
                        shardPart(vector, shards, shard, p, group.lz4()));
            }
        }
        return outgoing;
    }

    private int parts(int size) {
        return PartSums.parts(size, partFloats);
    }

    /** Part {@code part} of shard {@code shard} of {@code vector}, as a slice. */
    private FloatSlice shardPart(float[] vector, Shards shards, int shard, int part, boolean lz4) {
        int from = shards.start(shard) + part * partFloats;
        return new FloatSlice(vector, from, Math.min(shards.end(shard), from + partFloats), lz4);
    }

    /** Sums this worker's shard into {@code result}, part by part (see {@link PartSums}), and starts publishing each part. */
    private void reduceOwnShard(long round, float[] vector, Shards shards, float[] result, long deadline,
                                PendingPuts summed) {
        int me = group.rank();
        int length = vector.length;
        List<FloatSlice> parts = new ArrayList<>();
        for (int p = 0; p < parts(shards.size(me)); p++) {
            parts.add(shardPart(result, shards, me, p, false));
        }
        if (ownShard.alreadyPublished(round, parts)) {
            return;
        }
        PartSums.Keys keys = new PartSums.Keys() {
            @Override public List<String> inputs(int part) { return inputKeys(round, length, me, part); }
            @Override public String inputDirectory(int part) { return ScatterReduce.this.inputDirectory(round, length, me, part); }
            @Override public String output(int part) { return ownShard.key(round, part); }
        };
        PartSums.sum(group, "ScatterReduce", round, vector, shards.start(me), shards.end(me), partFloats, keys,
                "rank " + me + " (owner of shard " + me + ")", () -> ownShard.deletePrevious(round), result, deadline,
                buffers, summed);
    }

    /** Waits for every other shard's summed parts and decodes them into {@code result}. */
    private void gatherOtherShards(long round, Shards shards, float[] result, long deadline) {
        int me = group.rank();
        int n = group.workers();
        List<String> outputs = new ArrayList<>();
        List<FloatSlice> targets = new ArrayList<>();
        for (int shard = 0; shard < n; shard++) {
            if (shard == me) {
                continue;
            }
            for (int p = 0; p < parts(shards.size(shard)); p++) {
                outputs.add(outputKey(round, shard, p));
                targets.add(shardPart(result, shards, shard, p, false));
            }
        }
        int[] counts;
        try {
            counts = group.channel().awaitFloats(outputs, targets, Timeouts.left(deadline));
        } catch (ChannelTimeoutException e) {
            List<Integer> late = lateOwners(round, shards);
            throw new LateWorkersException(group.where("ScatterReduce", round) + ": rank " + me + " waited "
                    + group.timeout().toMillis() + " ms; summed shards still missing from ranks " + late,
                    round, late);
        }
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != targets.get(i).count()) {
                throw new CorruptValueException(group.where("ScatterReduce", round) + ": summed part '"
                        + outputs.get(i) + "' has " + counts[i] + " floats, expected " + targets.get(i).count()
                        + " for a vector of " + result.length);
            }
        }
    }

    /** The owners whose summed shard is not all there, after a wait for it timed out. */
    private List<Integer> lateOwners(long round, Shards shards) {
        String directory = group.roundPrefix(round) + "out/";
        Set<String> present = new HashSet<>();
        List<Integer> late = new ArrayList<>();
        try {
            for (String key : group.channel().list(directory)) {
                present.add(key.substring(directory.length()));
            }
        } catch (ChannelException e) {
            present.clear();
        }
        for (int shard = 0; shard < group.workers(); shard++) {
            if (shard == group.rank()) {
                continue;
            }
            for (int p = 0; p < parts(shards.size(shard)); p++) {
                if (!present.contains(shard + "/" + p)) {
                    late.add(shard);
                    break;
                }
            }
        }
        return late;
    }

    @Override
    public float[][] gather(long round, float[] vector) {
        return gather.toAll(round, vector);
    }

    @Override
    public java.util.Optional<float[][]> gatherTo(int root, long round, float[] vector) {
        return gather.toRoot(root, round, vector);
    }

    @Override
    public Gathered gatherArrived(long round, float[] vector, Duration wait, int minimum) {
        return gather.arrived(round, vector, wait, minimum);
    }

    @Override
    public int workers() {
        return group.workers();
    }

    @Override
    public void cleanUp() {
        Cleaning.removeAll(group.channel(), group.prefix() + "/");
    }

    private List<String> inputKeys(long round, int length, int shard, int part) {
        List<String> keys = new ArrayList<>(group.workers() - 1);
        for (int r = 0; r < group.workers(); r++) {
            if (r != shard) {
                keys.add(inputKey(round, length, shard, part, r));
            }
        }
        return keys;
    }

    /** Where every input of a shard goes in a round, one directory per part. */
    private String shardInputs(long round, int length, int shard) {
        return group.roundPrefix(round) + "in/" + length + "/" + shard + "/";
    }

    private String inputDirectory(long round, int length, int shard, int part) {
        return shardInputs(round, length, shard) + part + "/";
    }

    private String inputKey(long round, int length, int shard, int part, int rank) {
        return inputDirectory(round, length, shard, part) + rank;
    }

    private String outputDirectory(long round, int shard) {
        return group.roundPrefix(round) + "out/" + shard + "/";
    }

    private String outputKey(long round, int shard, int part) {
        return outputDirectory(round, shard) + part;
    }
}
