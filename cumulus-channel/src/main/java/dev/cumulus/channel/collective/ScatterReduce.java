package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelTimeoutException;
import dev.cumulus.channel.CorruptValueException;
import dev.cumulus.channel.codec.FloatCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * LambdaML's ScatterReduce: each of N workers owns 1/N of the vector, sums that shard over every
 * worker and publishes it; then every worker gathers the N summed shards.
 *
 * <p>Keys, for round {@code r}: {@code PREFIX/r/in/SHARD/RANK} (shard SHARD of worker RANK, written
 * for every shard but the worker's own) and {@code PREFIX/r/out/SHARD}. Shards follow {@link Shards}.
 * The owner of a shard deletes its inputs once summed, and its previous round's output once every
 * worker has written this round's input.
 */
public final class ScatterReduce implements Collective {
    private final GroupConfig group;
    private long lastRound = Long.MIN_VALUE;

    /** A member of a group of {@code workers}, with shards sent uncompressed. */
    public ScatterReduce(Channel channel, String prefix, int rank, int workers, Duration timeout) {
        this(channel, prefix, rank, workers, timeout, false);
    }

    /** As above; {@code lz4} compresses every shard written to the channel. */
    public ScatterReduce(Channel channel, String prefix, int rank, int workers, Duration timeout, boolean lz4) {
        this.group = new GroupConfig(channel, prefix, rank, workers, timeout, lz4);
    }

    @Override
    public float[] sum(long round, float[] vector) {
        int n = group.workers();
        if (n == 1) {
            return vector.clone();
        }
        long deadline = System.nanoTime() + group.timeout().toNanos();
        Channel channel = group.channel();
        int me = group.rank();
        Shards shards = new Shards(vector.length, n);
        java.util.Map<String, byte[]> outgoing = new java.util.LinkedHashMap<>();
        for (int shard = 0; shard < n; shard++) {
            if (shard != me) {
                outgoing.put(inputKey(round, shard, me),
                        FloatCodec.encode(vector, shards.start(shard), shards.end(shard), group.lz4()));
            }
        }
        channel.putAll(outgoing);
        float[] mine = reduceOwnShard(round, vector, shards, deadline);
        float[] result = new float[vector.length];
        System.arraycopy(mine, 0, result, shards.start(me), mine.length);
        List<String> outputs = new ArrayList<>(n - 1);
        for (int shard = 0; shard < n; shard++) {
            if (shard != me) {
                outputs.add(outputKey(round, shard));
            }
        }
        List<byte[]> merged;
        try {
            merged = channel.awaitAll(outputs, Timeouts.left(deadline));
        } catch (ChannelTimeoutException e) {
            List<Integer> late = Stragglers.missingOrAll(channel, outputDirectory(round), Stragglers.range(0, n, me));
            throw new LateWorkersException(group.where("ScatterReduce", round) + ": rank " + me + " waited "
                    + group.timeout().toMillis() + " ms; summed shards still missing from ranks " + late,
                    round, late);
        }
        int next = 0;
        for (int shard = 0; shard < n; shard++) {
            if (shard == me) {
                continue;
            }
            byte[] summed = merged.get(next++);
            int length = FloatCodec.length(summed);
            if (length != shards.size(shard)) {
                throw new CorruptValueException(group.where("ScatterReduce", round) + ": summed shard " + shard
                        + " has " + length + " floats, expected " + shards.size(shard)
                        + " for a vector of " + vector.length);
            }
            FloatCodec.decodeInto(summed, result, shards.start(shard));
        }
        lastRound = round;
        return result;
    }

    private float[] reduceOwnShard(long round, float[] vector, Shards shards, long deadline) {
        Channel channel = group.channel();
        int me = group.rank();
        int n = group.workers();
        List<String> keys = new ArrayList<>(n - 1);
        for (int r = 0; r < n; r++) {
            if (r != me) {
                keys.add(inputKey(round, me, r));
            }
        }
        List<byte[]> parts;
        try {
            parts = channel.awaitAll(keys, Timeouts.left(deadline));
        } catch (ChannelTimeoutException e) {
            List<Integer> late = Stragglers.missingOrAll(channel, inputDirectory(round, me), Stragglers.range(0, n, me));
            throw new LateWorkersException(group.where("ScatterReduce", round) + ": rank " + me
                    + " (owner of shard " + me + ") waited " + group.timeout().toMillis()
                    + " ms; inputs still missing from ranks " + late, round, late);
        }
        // Summed in rank order, this worker's own shard in its place, as every owner does.
        float[] mine = new float[shards.size(me)];
        Accumulator.sum(vector, shards.start(me), me, parts, mine, 0, mine.length,
                rank -> "ScatterReduce round " + round + " shard " + me + " from rank " + rank);
        if (lastRound != Long.MIN_VALUE) {
            channel.delete(outputKey(lastRound, me));
        } else if (round > 0) {
            channel.delete(outputKey(round - 1, me));
        }
        channel.put(outputKey(round, me), FloatCodec.encode(mine, group.lz4()));
        List<String> inputs = new java.util.ArrayList<>();
        for (int r = 0; r < n; r++) {
            if (r != me) {
                inputs.add(inputKey(round, me, r));
            }
        }
        channel.deleteAll(inputs);
        return mine;
    }

    @Override
    public int workers() {
        return group.workers();
    }

    @Override
    public void cleanUp() {
        Cleaning.removeAll(group.channel(), group.prefix() + "/");
    }

    private String inputDirectory(long round, int shard) {
        return group.roundPrefix(round) + "in/" + shard + "/";
    }

    private String inputKey(long round, int shard, int rank) {
        return inputDirectory(round, shard) + rank;
    }

    private String outputDirectory(long round) {
        return group.roundPrefix(round) + "out/";
    }

    private String outputKey(long round, int shard) {
        return outputDirectory(round) + shard;
    }
}
