package dev.cumulus.engine.protocol;

import java.util.SplittableRandom;

/**
 * Which local rows a worker uses at each step: the data order, as a pure function.
 *
 * <p>Each epoch a worker visits its chunk in a fresh permutation drawn from (seed, epoch, rank),
 * in consecutive batches. Every worker takes the same number of steps per epoch (set by the
 * smallest chunk) so that bulk-synchronous rounds line up; a last short batch is kept, so no row
 * is skipped. Being pure, it lets a single-machine reference replay exactly the same order.
 */
public final class BatchSchedule {
    private final long seed;
    private final int rank;
    private final int chunkRows;
    private final int batchSize;
    private final int stepsPerEpoch;
    private int cachedEpoch = -1;
    private int[] cachedOrder;

    /**
     * @param minChunkRows rows of the smallest chunk of any worker (sets the common step count)
     */
    public BatchSchedule(long seed, int rank, int chunkRows, int minChunkRows, int batchSize) {
        if (batchSize < 1 || minChunkRows < 1 || chunkRows < minChunkRows) {
            throw new IllegalArgumentException("bad schedule: chunkRows=" + chunkRows + " minChunkRows="
                    + minChunkRows + " batchSize=" + batchSize);
        }
        this.seed = seed;
        this.rank = rank;
        this.chunkRows = chunkRows;
        this.batchSize = batchSize;
        this.stepsPerEpoch = (minChunkRows + batchSize - 1) / batchSize;
    }

    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /**
     * Local row indices of one step. The last step of an epoch also takes the rows that a larger
     * chunk has beyond the common step count, so every row is visited once per epoch.
     */
    public int[] rows(int epoch, int step) {
        if (step < 0 || step >= stepsPerEpoch) {
            throw new IllegalArgumentException("step " + step + " outside 0.." + (stepsPerEpoch - 1));
        }
        int[] order = order(epoch);
        int from = step * batchSize;
        int to = step == stepsPerEpoch - 1 ? chunkRows : Math.min(chunkRows, from + batchSize);
        int[] rows = new int[to - from];
        System.arraycopy(order, from, rows, 0, rows.length);
        return rows;
    }

    private int[] order(int epoch) {
        if (epoch != cachedEpoch) {
            cachedOrder = permutation(chunkRows, new SplittableRandom(mix(seed, epoch, rank)));
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static long mix(long seed, long a, long b) {
        long h = seed * 0x9E3779B97F4A7C15L + a;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + b;
        return h ^ (h >>> 29);
    }
}
