package dev.cumulus.data.generate;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Splits generation into fixed-size row blocks, each with its own seeded stream, run in parallel. */
final class Blocks {
    static final int ROWS_PER_BLOCK = 4096;

    private Blocks() {
    }

    /** Work for one block: rows [from, to) with a stream that depends only on the seed and the block. */
    interface BlockTask {
        void run(int block, int from, int to, SplittableRandom random);
    }

    static int count(int rows) {
        return (rows + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK;
    }

    static void forEach(int rows, long seed, BlockTask task) {
        int blocks = count(rows);
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = b * ROWS_PER_BLOCK;
            int to = Math.min(rows, from + ROWS_PER_BLOCK);
            task.run(b, from, to, stream(seed, b));
        });
    }

    /** A random stream for (seed, stream number), decorrelated from its neighbours by a mixing step. */
    static SplittableRandom stream(long seed, long streamNumber) {
        return new SplittableRandom(mix64(seed + 0x9E3779B97F4A7C15L * (streamNumber + 1)));
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static void requireDenseFits(int rows, int cols) {
        if ((long) rows * cols > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(rows + " rows x " + cols + " columns exceed one dense array; at most "
                    + (Integer.MAX_VALUE - 16) / cols + " rows");
        }
    }

    static void requireRows(int rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be at least 0, got " + rows);
        }
    }
}
