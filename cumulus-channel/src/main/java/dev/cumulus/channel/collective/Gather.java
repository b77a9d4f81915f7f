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
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The gathers of both collectives ({@link Collective#gather}, {@link Collective#gatherTo},
 * {@link Collective#gatherArrived}): every worker writes its vector, and the readers wait for all
 * of them, decoding each straight into its row of the result.
 *
 * <p>Keys, for round {@code r}: {@code PREFIX/r/gather/L/PART/RANK}, L the vector's length, in
 * parts of {@code partFloats} floats as the sums' inputs. With the length in the key, a worker whose
 * vector has another length writes where nobody reads and is named after the wait, as for a sum.
 *
 * <p>Who deletes what: in a gather to every worker, a worker that has read every vector of round r
 * knows that every worker has started round r and so has read all of the rounds before it: it then
 * deletes its own vectors of those rounds ({@link GatheredKeys}). In a gather to a root, the root
 * is the only reader and deletes what it read. So after a group's last gather, only that round's
 * vectors are left, which {@link Collective#cleanUp} removes.
 */
final class Gather {
    private final GroupConfig group;
    private final String pattern;
    private final int partFloats;
    private final GatheredKeys own;

    /** {@code pattern} names the collective in errors, such as "AllReduce". */
    Gather(GroupConfig group, String pattern, int partFloats) {
        this.group = group;
        this.pattern = pattern + " gather";
        this.partFloats = partFloats;
        this.own = new GatheredKeys(group.channel());
    }

    /** See {@link Collective#gather}. */
    float[][] toAll(long round, float[] vector) {
        long deadline = System.nanoTime() + group.timeout().toNanos();
        float[][] rows = rows(vector);
        if (group.workers() == 1) {
            return rows;
        }
        PendingPuts written = write(round, vector);
        List<Integer> others = Stragglers.range(0, group.workers(), group.rank());
        try {
            awaitRows(round, rows, others, deadline);
        } catch (RuntimeException e) {
            throw joinedAfter(written, e);
        }
        written.join();
        own.deleteBefore(round, previous -> List.copyOf(mine(previous, vector).keySet()));
        return rows;
    }

    /** See {@link Collective#gatherTo}. */
    Optional<float[][]> toRoot(int root, long round, float[] vector) {
        if (root < 0 || root >= group.workers()) {
            throw new IllegalArgumentException("root must be in [0, " + group.workers() + "), got " + root);
        }
        if (group.rank() != root) {
            // the root deletes what it read: nothing is recorded here
            group.channel().putAllFloats(mine(round, vector));
            return Optional.empty();
        }
        long deadline = System.nanoTime() + group.timeout().toNanos();
        float[][] rows = rows(vector);
        List<Integer> others = Stragglers.range(0, group.workers(), root);
        List<String> read = awaitRows(round, rows, others, deadline);
        if (!read.isEmpty()) {
            group.channel().deleteAll(read);
        }
        return Optional.of(rows);
    }

    /** See {@link Collective#gatherArrived}. */
    Gathered arrived(long round, float[] vector, Duration wait, int minimum) {
        if (wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("wait must be positive, got " + wait);
        }
        if (minimum < 1 || minimum > group.workers()) {
            throw new IllegalArgumentException("minimum must be in [1, " + group.workers() + "], got " + minimum);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        float[][] rows = rows(vector);
        if (group.workers() == 1) {
            return new Gathered(round, rows);
        }
        PendingPuts written = write(round, vector);
        List<Integer> missing;
        try {
            missing = awaitSome(round, rows, deadline);
        } catch (RuntimeException e) {
            throw joinedAfter(written, e);
        }
        written.join();
        for (int rank : missing) {
            rows[rank] = null;
        }
        if (group.workers() - missing.size() < minimum) {
            throw new LateWorkersException(group.where(pattern, round) + ": rank " + group.rank() + " waited "
                    + wait.toMillis() + " ms and has " + (group.workers() - missing.size()) + " of the "
                    + minimum + " vectors it needs; missing from ranks " + missing, round, missing);
        }
        own.deleteBefore(round, previous -> List.copyOf(mine(previous, vector).keySet()));
        return new Gathered(round, rows);
    }

    /** Reads the other ranks' vectors as they come until all are there or the deadline passes; returns the missing ranks. */
    private List<Integer> awaitSome(long round, float[][] rows, long deadline) {
        List<Integer> missing = Stragglers.range(0, group.workers(), group.rank());
        while (true) {
            Absent absent = readPresent(round, rows, missing);
            missing = absent.ranks();
            if (missing.isEmpty() || System.nanoTime() - deadline >= 0) {
                return missing;
            }
            try {
                // wakes as soon as the first absent part is there (at once on a store that notifies)
                group.channel().await(absent.firstKey(), Timeouts.left(deadline));
            } catch (ChannelTimeoutException e) {
                // one more read catches what arrived meanwhile, then the deadline ends the loop
            }
        }
    }

    /**
     * Waits for this worker's puts after the round failed with {@code failure}, which it returns:
     * the vector is the caller's again only once stored, and a failure to store is added to the
     * round's rather than hiding it.
     */
    private static RuntimeException joinedAfter(PendingPuts written, RuntimeException failure) {
        try {
            written.join();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    /** One row per rank, this worker's a copy of its vector, the others to be read into. */
    private float[][] rows(float[] vector) {
        float[][] rows = new float[group.workers()][];
        for (int rank = 0; rank < rows.length; rank++) {
            rows[rank] = rank == group.rank() ? vector.clone() : new float[vector.length];
        }
        return rows;
    }

    /** Starts writing this worker's vector and records its keys for deletion in a later round. */
    private PendingPuts write(long round, float[] vector) {
        Map<String, FloatSlice> mine = mine(round, vector);
        own.record(round, mine.keySet());
        PendingPuts written = new PendingPuts(group.channel());
        written.replaceAll(List.of(), mine);
        return written;
    }

    /**
     * Waits for every part of the {@code ranks}' vectors and reads them into their rows; returns
     * the keys read. On a timeout, names the late ranks.
     */
    private List<String> awaitRows(long round, float[][] rows, List<Integer> ranks, long deadline) {
        int length = rows[group.rank()].length;
        List<String> keys = new ArrayList<>();
        List<FloatSlice> targets = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        addParts(round, rows, ranks, keys, targets, owners);
        int[] counts;
        try {
            counts = group.channel().awaitFloats(keys, targets, Timeouts.left(deadline));
        } catch (ChannelTimeoutException e) {
            List<Integer> late = late(round, length, ranks);
            String reader = "rank " + group.rank();
            Stragglers.reportOtherLengths(group.channel(), group.roundPrefix(round) + "gather/", length, late,
                    group.where(pattern, round), reader);
            throw new LateWorkersException(group.where(pattern, round) + ": " + reader + " waited "
                    + group.timeout().toMillis() + " ms for every vector; still missing from ranks " + late, round, late);
        }
        for (int i = 0; i < counts.length; i++) {
            checkCount(round, keys.get(i), owners.get(i), counts[i], targets.get(i).count(), length);
        }
        return keys;
    }

    /** The ranks whose vector is not all there yet, and the first of their absent parts. */
    private record Absent(List<Integer> ranks, String firstKey) {
    }

    /** Reads the parts of {@code ranks} that are there; returns what is still absent. */
    private Absent readPresent(long round, float[][] rows, List<Integer> ranks) {
        int length = rows[group.rank()].length;
        List<String> keys = new ArrayList<>();
        List<FloatSlice> targets = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        addParts(round, rows, ranks, keys, targets, owners);
        int[] counts = Futures.join(group.channel().readFloatsAsync(keys, targets));
        SortedSet<Integer> incomplete = new TreeSet<>();
        String firstKey = null;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                incomplete.add(owners.get(i));
                firstKey = firstKey == null ? keys.get(i) : firstKey;
            } else {
                checkCount(round, keys.get(i), owners.get(i), counts[i], targets.get(i).count(), length);
            }
        }
        return new Absent(new ArrayList<>(incomplete), firstKey);
    }

    private void addParts(long round, float[][] rows, List<Integer> ranks, List<String> keys,
                          List<FloatSlice> targets, List<Integer> owners) {
        int length = rows[group.rank()].length;
        for (int rank : ranks) {
            for (int p = 0; p < parts(length); p++) {
                keys.add(key(round, length, p, rank));
                targets.add(new FloatSlice(rows[rank], p * partFloats, partEnd(p, length), false));
                owners.add(rank);
            }
        }
    }

    private void checkCount(long round, String key, int rank, int count, int expected, int length) {
        if (count != expected) {
            throw new CorruptValueException(group.where(pattern, round) + ": '" + key + "' from rank " + rank
                    + " holds " + count + " floats, expected " + expected + " for a vector of " + length);
        }
    }

    /** The ranks with some part missing, after a wait timed out. */
    private List<Integer> late(long round, int length, List<Integer> expected) {
        SortedSet<Integer> late = new TreeSet<>();
        for (int p = 0; p < parts(length); p++) {
            late.addAll(Stragglers.missingOrAll(group.channel(), directory(round, length, p), expected));
        }
        return new ArrayList<>(late);
    }

    /** This worker's vector as the others read it in {@code round}, by key. */
    private Map<String, FloatSlice> mine(long round, float[] vector) {
        Map<String, FloatSlice> mine = new LinkedHashMap<>();
        for (int p = 0; p < parts(vector.length); p++) {
            mine.put(key(round, vector.length, p, group.rank()),
                    new FloatSlice(vector, p * partFloats, partEnd(p, vector.length), group.lz4()));
        }
        return mine;
    }

    private int parts(int length) {
        return PartSums.parts(length, partFloats);
    }

    private int partEnd(int part, int length) {
        return Math.min(length, (part + 1) * partFloats);
    }

    private String directory(long round, int length, int part) {
        return group.roundPrefix(round) + "gather/" + length + "/" + part + "/";
    }

    private String key(long round, int length, int part, int rank) {
        return directory(round, length, part) + rank;
    }
}
