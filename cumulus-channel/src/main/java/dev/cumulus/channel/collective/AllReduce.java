package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelTimeoutException;
import dev.cumulus.channel.CorruptValueException;
import dev.cumulus.channel.codec.FloatCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * LambdaML's AllReduce: every worker writes its vector, rank 0 reads and sums them all and
 * publishes the sum, which every other worker waits for.
 *
 * <p>Keys, for round {@code r}: {@code PREFIX/r/in/RANK} (ranks 1..N-1; rank 0 keeps its own vector)
 * and {@code PREFIX/r/out}. Rank 0 deletes the inputs once summed, and the previous round's output
 * once every worker has written this round's input (so all have read it). The single reducer is the
 * bottleneck for large vectors; see {@link ScatterReduce}.
 */
public final class AllReduce implements Collective {
    private final GroupConfig group;
    private long lastRound = Long.MIN_VALUE;

    /** A member of a group of {@code workers}, with vectors sent uncompressed. */
    public AllReduce(Channel channel, String prefix, int rank, int workers, Duration timeout) {
        this(channel, prefix, rank, workers, timeout, false);
    }

    /** As above; {@code lz4} compresses every vector written to the channel. */
    public AllReduce(Channel channel, String prefix, int rank, int workers, Duration timeout, boolean lz4) {
        this.group = new GroupConfig(channel, prefix, rank, workers, timeout, lz4);
    }

    @Override
    public float[] sum(long round, float[] vector) {
        if (group.workers() == 1) {
            return vector.clone();
        }
        long deadline = System.nanoTime() + group.timeout().toNanos();
        float[] result = group.rank() == 0 ? reduce(round, vector, deadline) : contribute(round, vector, deadline);
        lastRound = round;
        return result;
    }

    private float[] contribute(long round, float[] vector, long deadline) {
        Channel channel = group.channel();
        channel.put(inputKey(round, group.rank()), FloatCodec.encode(vector, group.lz4()));
        byte[] merged;
        try {
            merged = channel.await(outputKey(round), left(deadline));
        } catch (ChannelTimeoutException e) {
            List<Integer> late = Stragglers.missingOrAll(channel, inputDirectory(round),
                    Stragglers.range(1, group.workers(), -1));
            String why = late.isEmpty()
                    ? "every input is written but the reducer (rank 0) has not published the sum"
                    : "inputs still missing from ranks " + late;
            throw new LateWorkersException(group.where("AllReduce", round) + ": rank " + group.rank()
                    + " waited " + group.timeout().toMillis() + " ms for the sum; " + why,
                    round, late.isEmpty() ? List.of(0) : late);
        }
        float[] sum = FloatCodec.decode(merged);
        if (sum.length != vector.length) {
            throw new CorruptValueException(group.where("AllReduce", round)
                    + ": the sum has " + sum.length + " floats but rank " + group.rank() + " sent "
                    + vector.length);
        }
        return sum;
    }

    private float[] reduce(long round, float[] vector, long deadline) {
        Channel channel = group.channel();
        Accumulator total = new Accumulator(vector.length);
        total.add(vector, 0);
        for (int r = 1; r < group.workers(); r++) {
            byte[] part;
            try {
                part = channel.await(inputKey(round, r), left(deadline));
            } catch (ChannelTimeoutException e) {
                List<Integer> late = Stragglers.missingOrAll(channel, inputDirectory(round),
                        Stragglers.range(r, group.workers(), -1));
                throw new LateWorkersException(group.where("AllReduce", round) + ": the reducer (rank 0) waited "
                        + group.timeout().toMillis() + " ms; inputs still missing from ranks " + late,
                        round, late);
            }
            total.addEncoded(part, "AllReduce round " + round + " input from rank " + r);
        }
        if (lastRound != Long.MIN_VALUE) {
            channel.delete(outputKey(lastRound));
        } else if (round > 0) {
            channel.delete(outputKey(round - 1));
        }
        float[] sum = total.toFloats();
        channel.put(outputKey(round), FloatCodec.encode(sum, group.lz4()));
        List<String> inputs = new ArrayList<>();
        for (int r = 1; r < group.workers(); r++) {
            inputs.add(inputKey(round, r));
        }
        channel.deleteAll(inputs);
        return sum;
    }

    @Override
    public int workers() {
        return group.workers();
    }

    @Override
    public void cleanUp() {
        Cleaning.removeAll(group.channel(), group.prefix() + "/");
    }

    private String inputDirectory(long round) {
        return group.roundPrefix(round) + "in/";
    }

    private String inputKey(long round, int rank) {
        return inputDirectory(round) + rank;
    }

    private String outputKey(long round) {
        return group.roundPrefix(round) + "out";
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }
}
