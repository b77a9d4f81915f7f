package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelTimeoutException;
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
     * with this worker's own values in its place, publishes every part, and then deletes the
     * inputs. {@code afterFirstInputs} runs once every worker has written its first part (so all
     * have finished the previous round). {@code summer} names this worker in errors, such as "the
     * reducer (rank 0)".
     */
    static void sum(GroupConfig group, String pattern, long round, float[] vector, int start, int end,
                    int partFloats, Keys keys, String summer, Runnable afterFirstInputs, float[] target,
                    long deadline) {
        Channel channel = group.channel();
        int parts = parts(end - start, partFloats);
        List<CompletableFuture<Void>> published = new ArrayList<>(parts);
        CompletableFuture<List<byte[]>> next = channel.getAllAsync(keys.inputs(0));
        for (int p = 0; p < parts; p++) {
            List<byte[]> inputs = arrived(group, pattern, round, vector.length, keys, p, Futures.join(next),
                    summer, deadline);
            if (p + 1 < parts) {
                next = channel.getAllAsync(keys.inputs(p + 1));
            }
            if (p == 0) {
                afterFirstInputs.run();
            }
            int from = start + p * partFloats;
            int size = Math.min(end, from + partFloats) - from;
            int part = p;
            Accumulator.sum(vector, from, group.rank(), inputs, target, from, size,
                    rank -> pattern + " round " + round + " part " + part + " of the input from rank " + rank);
            published.add(channel.putFloatsAsync(keys.output(p), new FloatSlice(target, from, from + size, group.lz4())));
        }
        published.forEach(Futures::join);
        List<String> inputs = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            inputs.addAll(keys.inputs(p));
        }
        channel.deleteAll(inputs);
    }

    /** The inputs of a part: those already read, and the rest waited for. */
    private static List<byte[]> arrived(GroupConfig group, String pattern, long round, int length, Keys keys,
                                        int part, List<byte[]> read, String summer, long deadline) {
        List<String> wanted = keys.inputs(part);
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            if (read.get(i) == null) {
                missing.add(wanted.get(i));
            }
        }
        if (missing.isEmpty()) {
            return read;
        }
        List<byte[]> waited;
        try {
            waited = group.channel().awaitAll(missing, Timeouts.left(deadline));
        } catch (ChannelTimeoutException e) {
            List<Integer> late = Stragglers.missingOrAll(group.channel(), keys.inputDirectory(part),
                    Stragglers.range(0, group.workers(), group.rank()));
            Stragglers.reportOtherLengths(group.channel(), group.roundPrefix(round) + "in/", length, late,
                    group.where(pattern, round), summer);
            throw new LateWorkersException(group.where(pattern, round) + ": " + summer + " waited "
                    + group.timeout().toMillis() + " ms; inputs still missing from ranks " + late, round, late);
        }
        List<byte[]> all = new ArrayList<>(read);
        int next = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) == null) {
                all.set(i, waited.get(next++));
            }
        }
        return all;
    }
}
