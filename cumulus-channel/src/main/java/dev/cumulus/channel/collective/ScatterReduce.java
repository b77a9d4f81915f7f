package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelTimeoutException;
import dev.cumulus.channel.CorruptValueException;
import dev.cumulus.channel.codec.FloatCodec;
import java.time.Duration;
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
        for (int shard = 0; shard < n; shard++) {
            if (shard == me) {
                continue;
            }
            byte[] merged;
            try {
                merged = channel.await(outputKey(round, shard), left(deadline));
            } catch (ChannelTimeoutException e) {
                List<Integer> late = Stragglers.missingOrAll(channel, outputDirectory(round),
                        Stragglers.range(shard, n, me));
                throw new LateWorkersException(group.where("ScatterReduce", round) + ": rank " + me + " waited "
                        + group.timeout().toMillis() + " ms; summed shards still missing from ranks " + late,
                        round, late);
            }
            int length = FloatCodec.length(merged);
            if (length != shards.size(shard)) {
                throw new CorruptValueException(group.where("ScatterReduce", round) + ": summed shard " + shard
                        + " has " + length + " floats, expected " + shards.size(shard)
                        + " for a vector of " + vector.length);
            }
            FloatCodec.decodeInto(merged, result, shards.start(shard));
        }
        lastRound = round;
        return result;
    }

    private float[] reduceOwnShard(long round, float[] vector, Shards shards, long deadline) {
        Channel channel = group.channel();
        int me = group.rank();
        int n = group.workers();
        Accumulator total = new Accumulator(shards.size(me));
        for (int r = 0; r < n; r++) {
            if (r == me) {
                total.add(vector, shards.start(me));
                continue;
            }
            byte[] part;
            try {
                part = channel.await(inputKey(round, me, r), left(deadline));
            } catch (ChannelTimeoutException e) {
                List<Integer> late = Stragglers.missingOrAll(channel, inputDirectory(round, me),
                        Stragglers.range(r, n, me));
                throw new LateWorkersException(group.where("ScatterReduce", round) + ": rank " + me
                        + " (owner of shard " + me + ") waited " + group.timeout().toMillis()
                        + " ms; inputs still missing from ranks " + late, round, late);
            }
            total.addEncoded(part, "ScatterReduce round " + round + " shard " + me + " from rank " + r);
        }
        if (lastRound != Long.MIN_VALUE) {
            channel.delete(outputKey(lastRound, me));
        } else if (round > 0) {
            channel.delete(outputKey(round - 1, me));
        }
        float[] mine = total.toFloats();
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

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }
}
