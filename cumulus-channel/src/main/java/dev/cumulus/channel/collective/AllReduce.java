package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelTimeoutException;
import dev.cumulus.channel.CorruptValueException;
import dev.cumulus.channel.codec.FloatSlice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LambdaML's AllReduce: every worker writes its vector, rank 0 reads and sums them all and
 * publishes the sum, which every other worker waits for.
 *
 * <p>The vector travels in parts of at most {@link #DEFAULT_PART_FLOATS} floats (512 KB), so the
 * steps of a round overlap: while the reducer sums part p, the other parts are still arriving,
 * and the workers read the published sum of part p while the reducer works on part p + 1. With
 * the vector in one piece, each step waited for the whole of the previous one (four transfers of
 * the whole vector in a row for two workers).
 *
 * <p>Keys, for round {@code r}: {@code PREFIX/r/in/L/PART/RANK} (ranks 1..N-1, L the vector's
 * length; rank 0 keeps its own vector) and {@code PREFIX/r/out/PART}. With the length in the key,
 * a worker whose vector has another length writes where the reducer does not read, and the
 * reducer, once it has waited for it, reports it by rank and length rather than summing parts
 * that do not line up. Each worker deletes its previous round's inputs as its new ones take their
 * place (see {@link RoundKeys}): it has the previous sum, so the reducer has read them. Rank 0
 * deletes the previous round's output once every worker has written this round's first part (so
 * all have read it), without waiting for the deletion. The single reducer is the bottleneck for
 * large groups; see {@link ScatterReduce}.
 *
 * <p>Gathers write under {@code PREFIX/r/gather/}, the same for both collectives (see
 * {@link Collective#gather}).
 */
public final class AllReduce implements Collective {
    /** Floats per part: 512 KB (256 KB and 1 MB measured the same at 1 MB, within noise; 128 KB was slower). */
    public static final int DEFAULT_PART_FLOATS = 1 << 17;

    private final GroupConfig group;
    private final PartBuffers buffers = new PartBuffers();
    /** This worker's inputs of its last round, deleted just before it writes the next round's (see {@link RoundKeys}). */
    private final RoundKeys ownInputs;
    private final PublishedParts outputs;
    private final int partFloats;
    private final Gather gather;

    /** A member of a group of {@code workers}, with vectors sent uncompressed. */
    public AllReduce(Channel channel, String prefix, int rank, int workers, Duration timeout) {
        this(channel, prefix, rank, workers, timeout, false);
    }

    /** As above; {@code lz4} compresses every vector written to the channel. */
    public AllReduce(Channel channel, String prefix, int rank, int workers, Duration timeout, boolean lz4) {
        this(channel, prefix, rank, workers, timeout, lz4, DEFAULT_PART_FLOATS);
    }

    /** As above, with vectors sent in parts of {@code partFloats} floats (every member must use the same). */
    public AllReduce(Channel channel, String prefix, int rank, int workers, Duration timeout, boolean lz4,
                     int partFloats) {
        if (partFloats < 1) {
            throw new IllegalArgumentException("partFloats must be >= 1, got " + partFloats);
        }
        this.group = new GroupConfig(channel, prefix, rank, workers, timeout, lz4);
        this.ownInputs = new RoundKeys(channel);
        this.outputs = new PublishedParts(channel, round -> group.roundPrefix(round) + "out/");
        this.partFloats = partFloats;
        this.gather = new Gather(group, "AllReduce", partFloats);
    }

    @Override
    public float[] sum(long round, float[] vector) {
        return sum(round, vector, new float[vector.length]);
    }

    @Override
    public float[] sum(long round, float[] vector, float[] result) {
        Collective.checkResult(vector, result);
        if (group.workers() == 1) {
            System.arraycopy(vector, 0, result, 0, vector.length);
            return result;
        }
        long deadline = System.nanoTime() + group.timeout().toNanos();
        if (group.rank() == 0) {
            reduce(round, vector, result, deadline);
        } else {
            contribute(round, vector, result, deadline);
        }
        outputs.published(round, parts(vector.length));
        return result;
    }

    private int parts(int length) {
        return PartSums.parts(length, partFloats);
    }

    private int partStart(int part) {
        return part * partFloats;
    }

    private int partEnd(int part, int length) {
        return Math.min(length, (part + 1) * partFloats);
    }

    private void contribute(long round, float[] vector, float[] sum, long deadline) {
        Channel channel = group.channel();
        int parts = parts(vector.length);
        Map<String, FloatSlice> inputs = inputs(round, vector);
        List<String> sums = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            sums.add(outputs.key(round, p));
        }
        List<String> replaced = ownInputs.previous(round, previous -> List.copyOf(inputs(previous, vector).keySet()));
        ownInputs.record(round, List.copyOf(inputs.keySet()));
        PendingPuts written = new PendingPuts(channel);
        written.replaceAll(replaced, inputs);
        written.join();
        List<FloatSlice> targets = sumParts(sum, vector.length);
        int[] counts;
        try {
            counts = channel.awaitFloats(sums, targets, Timeouts.left(deadline));
        } catch (ChannelTimeoutException e) {
            List<Integer> late = lateInputs(round, vector.length, parts, Stragglers.range(1, group.workers(), -1));
            String why = late.isEmpty()
                    ? "every input is written but the reducer (rank 0) has not published the sum"
                    : "inputs still missing from ranks " + late;
            throw new LateWorkersException(group.where("AllReduce", round) + ": rank " + group.rank()
                    + " waited " + group.timeout().toMillis() + " ms for the sum; " + why,
                    round, late.isEmpty() ? List.of(0) : late);
        }
        for (int p = 0; p < parts; p++) {
            int expected = targets.get(p).count();
            if (counts[p] != expected) {
                throw new CorruptValueException(group.where("AllReduce", round) + ": part " + p + " of the sum has "
                        + counts[p] + " floats but rank " + group.rank() + " expected " + expected
                        + " for its vector of " + vector.length);
            }
        }
    }

    /** The parts of a sum of {@code length} floats, as slices of {@code sum}, to read a published sum into. */
    private List<FloatSlice> sumParts(float[] sum, int length) {
        List<FloatSlice> slices = new ArrayList<>(parts(length));
        for (int p = 0; p < parts(length); p++) {
            slices.add(new FloatSlice(sum, partStart(p), partEnd(p, length), false));
        }
        return slices;
    }

    /** This worker's vector as the reducer reads it in {@code round}, by key. */
    private Map<String, FloatSlice> inputs(long round, float[] vector) {
        Map<String, FloatSlice> inputs = new LinkedHashMap<>();
        for (int p = 0; p < parts(vector.length); p++) {
            inputs.put(inputKey(round, vector.length, p, group.rank()),
                    new FloatSlice(vector, partStart(p), partEnd(p, vector.length), group.lz4()));
        }
        return inputs;
    }

    /** Sums every worker's vector part by part (see {@link PartSums}) and publishes each part. */
    private void reduce(long round, float[] vector, float[] sum, long deadline) {
        int length = vector.length;
        if (outputs.alreadyPublished(round, sumParts(sum, length))) {
            return;
        }
        PartSums.Keys keys = new PartSums.Keys() {
            @Override public List<String> inputs(int part) { return inputKeys(round, length, part); }
            @Override public String inputDirectory(int part) { return AllReduce.this.inputDirectory(round, length, part); }
            @Override public String output(int part) { return outputs.key(round, part); }
        };
        // Once every worker has started this round, all have read the previous one's sum.
        PendingPuts published = new PendingPuts(group.channel());
        PartSums.sum(group, "AllReduce", round, vector, 0, length, partFloats, keys, "the reducer (rank 0)",
                () -> outputs.deletePrevious(round), sum, deadline, buffers, published);
        published.join();
    }

    private List<String> inputKeys(long round, int length, int part) {
        List<String> keys = new ArrayList<>(group.workers() - 1);
        for (int r = 1; r < group.workers(); r++) {
            keys.add(inputKey(round, length, part, r));
        }
        return keys;
    }

    /** Ranks that have not written some part of their input, after a wait for the sum timed out. */
    private List<Integer> lateInputs(long round, int length, int parts, List<Integer> expected) {
        java.util.SortedSet<Integer> late = new java.util.TreeSet<>();
        for (int p = 0; p < parts; p++) {
            late.addAll(Stragglers.missingOrAll(group.channel(), inputDirectory(round, length, p), expected));
        }
        return new ArrayList<>(late);
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

    /** Where every input of a round goes, one directory per vector length and part. */
    private String roundInputs(long round) {
        return group.roundPrefix(round) + "in/";
    }

    private String inputDirectory(long round, int length, int part) {
        return roundInputs(round) + length + "/" + part + "/";
    }

    private String inputKey(long round, int length, int part, int rank) {
        return inputDirectory(round, length, part) + rank;
    }
}
