package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelTimeoutException;
import dev.cumulus.channel.CorruptValueException;
import dev.cumulus.channel.codec.FloatSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The summing side of both collectives: one worker sums a range of the vector over every worker,
 * part by part, and publishes each summed part (AllReduce's reducer for the whole vector,
 * ScatterReduce's owners for their shard). The next part's inputs are requested before this part
 * is summed, and each summed part is published without waiting for the store's answer, so on a
 * store that pipelines a worker's reads, sums and writes overlap.
 */
final class PartSums {

    /** Where one collective keeps the parts of the range being summed. */
    interface Keys {
        /** The other workers' inputs of a part, in rank order. */
        List<String> inputs(int part);

        /** The directory holding a part's inputs, one key per rank, for naming the late ones. */
        String inputDirectory(int part);

        /** Where the summed part is published. */
        String output(int part);
    }

    private PartSums() {
    }

    /** Parts of at most {@code partFloats} floats covering {@code size} floats; at least one. */
    static int parts(int size, int partFloats) {
        return Math.max(1, (size + partFloats - 1) / partFloats);
    }

    /**
     * Sums {@code vector[start, end)} over the group into {@code target[start, end)}, in rank order
     * with this worker's own values in its place, starts publishing every part into
     * {@code published} (the caller joins it when it must know they are stored).
     * {@code afterFirstInputs} runs once every worker has written its first part (so all
     * have finished the previous round). {@code summer} names this worker in errors, such as "the
     * reducer (rank 0)". The inputs are read straight into {@code buffers} (see
     * {@link Channel#readFloatsAsync}).
     */
    static void sum(GroupConfig group, String pattern, long round, float[] vector, int start, int end,
                    int partFloats, Keys keys, String summer, Runnable afterFirstInputs, float[] target,
                    long deadline, PartBuffers buffers, PendingPuts published) {
        try {
            sumParts(group, pattern, round, vector, start, end, partFloats, keys, summer, afterFirstInputs, target,
                    deadline, buffers, published);
        } catch (RuntimeException e) {
            buffers.discard();
            throw e;
        }
    }

    private static void sumParts(GroupConfig group, String pattern, long round, float[] vector, int start, int end,
                                 int partFloats, Keys keys, String summer, Runnable afterFirstInputs,
                                 float[] target, long deadline, PartBuffers buffers, PendingPuts published) {
        Channel channel = group.channel();
        int parts = parts(end - start, partFloats);
        int others = group.workers() - 1;
        int capacity = Math.min(partFloats, end - start);
        List<FloatSlice> targets = targets(buffers.forPart(0, others, capacity), size(start, end, partFloats, 0));
        List<String> wanted = keys.inputs(0);
        CompletableFuture<int[]> next = channel.readFloatsAsync(wanted, targets);
        for (int p = 0; p < parts; p++) {
            int from = start + p * partFloats;
            int size = size(start, end, partFloats, p);
            float[][] inputs = buffers.forPart(p, others, capacity);
            int[] counts = arrived(group, pattern, round, vector.length, keys, p, wanted, Futures.join(next), targets,
                    summer, deadline);
            if (p + 1 < parts) {
                targets = targets(buffers.forPart(p + 1, others, capacity), size(start, end, partFloats, p + 1));
                wanted = keys.inputs(p + 1);
                next = channel.readFloatsAsync(wanted, targets);
            }
            if (p == 0) {
                afterFirstInputs.run();
            }
            for (int k = 0; k < others; k++) {
                if (counts[k] != size) {
                    int rank = k < group.rank() ? k : k + 1;
                    throw new CorruptValueException(pattern + " round " + round + " part " + p + " of the input from rank "
                            + rank + " has " + counts[k] + " floats, expected " + size
                            + " (do all workers pass vectors of the same length?)");
                }
            }
            Accumulator.sum(vector, from, group.rank(), inputs, target, from, size);
            published.put(keys.output(p), new FloatSlice(target, from, from + size, group.lz4()));
        }
    }

    private static int size(int start, int end, int partFloats, int part) {
        int from = start + part * partFloats;
        return Math.min(end, from + partFloats) - from;
    }

    /** The first {@code size} floats of each buffer, as read targets. */
    private static List<FloatSlice> targets(float[][] buffers, int size) {
        List<FloatSlice> targets = new ArrayList<>(buffers.length);
        for (float[] buffer : buffers) {
            targets.add(new FloatSlice(buffer, 0, size, false));
        }
        return targets;
    }

    /** The float counts of a part's inputs {@code wanted}: those already read, and the rest waited for. */
    private static int[] arrived(GroupConfig group, String pattern, long round, int length, Keys keys,
                                 int part, List<String> wanted, int[] read, List<FloatSlice> targets, String summer,
                                 long deadline) {
        List<String> missing = new ArrayList<>();
        List<FloatSlice> missingTargets = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            if (read[i] < 0) {
                missing.add(wanted.get(i));
                missingTargets.add(targets.get(i));
            }
        }
        if (missing.isEmpty()) {
            return read;
        }
        int[] waited;
        try {
            waited = group.channel().awaitFloats(missing, missingTargets, Timeouts.left(deadline));
        } catch (ChannelTimeoutException e) {
            List<Integer> late = Stragglers.missingOrAll(group.channel(), keys.inputDirectory(part),
                    Stragglers.range(0, group.workers(), group.rank()));
            Stragglers.reportOtherLengths(group.channel(), group.roundPrefix(round) + "in/", length, late,
                    group.where(pattern, round), summer);
            throw new LateWorkersException(group.where(pattern, round) + ": " + summer + " waited "
                    + group.timeout().toMillis() + " ms; inputs still missing from ranks " + late, round, late);
        }
        int[] all = read.clone();
        int next = 0;
        for (int i = 0; i < all.length; i++) {
            if (all[i] < 0) {
                all[i] = waited[next++];
            }
        }
        return all;
    }
}
