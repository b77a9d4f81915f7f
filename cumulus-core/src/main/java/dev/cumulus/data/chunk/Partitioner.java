package dev.cumulus.data.chunk;

import dev.cumulus.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How to cut a dataset into chunks of near-equal size (sizes differ by at most one row; the first
 * {@code rows % chunks} chunks hold the extra row): either contiguous ranges of rows in order, or
 * slices of a seeded random permutation of the rows.
 *
 * @param chunks number of chunks, at least 1 (more chunks than rows leaves some empty)
 * @param shuffleSeed the permutation seed, or null for contiguous ranges
 */
public record Partitioner(int chunks, Long shuffleSeed) {

    public Partitioner {
        if (chunks < 1) {
            throw new IllegalArgumentException("chunks must be at least 1, got " + chunks);
        }
    }

    /** Chunk i holds rows [start_i, start_i + size_i) in order. */
    public static Partitioner contiguous(int chunks) {
        return new Partitioner(chunks, null);
    }

    /** Chunk i holds the i-th slice of a random permutation of the rows, fixed by the seed. */
    public static Partitioner shuffled(int chunks, long seed) {
        return new Partitioner(chunks, seed);
    }

    /** The number of rows in each chunk: sizes differ by at most one and sum to {@code rows}. */
    public int[] sizes(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be at least 0, got " + rows);
        }
        int[] sizes = new int[chunks];
        int base = rows / chunks;
        int extra = rows % chunks;
        for (int i = 0; i < chunks; i++) {
            sizes[i] = base + (i < extra ? 1 : 0);
        }
        return sizes;
    }

    /** The row indices of every chunk; together they hold each row exactly once. */
    public int[][] rowIndices(int rows) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        if (shuffleSeed != null) {
            SplittableRandom random = new SplittableRandom(shuffleSeed);
            for (int i = rows - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        int[] sizes = sizes(rows);
        int[][] out = new int[chunks][];
        int at = 0;
        for (int c = 0; c < chunks; c++) {
            out[c] = java.util.Arrays.copyOfRange(order, at, at + sizes[c]);
            at += sizes[c];
        }
        return out;
    }

    /** Cuts {@code data} into {@link #chunks()} datasets (copies), in chunk order. */
    public List<Dataset> split(Dataset data) {
        List<Dataset> out = new ArrayList<>(chunks);
        for (int[] rows : rowIndices(data.rows())) {
            out.add(data.select(rows));
        }
        return out;
    }
}
