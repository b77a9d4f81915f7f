package dev.cumulus.engine.p2p;

import java.util.SplittableRandom;

/**
 * Batches of a fixed size drawn in turn from successive seeded permutations of a peer's shard,
 * wrapping from one permutation into the next: a peer with a small shard revisits its rows more
 * often than one with a large shard, and every peer takes the same steps per epoch, set by the
 * mean shard size. This is how non-IID benchmarks (ByzFL) sample each client's data.
 *
 * @param seed the job's seed
 * @param rank the peer
 * @param shardRows rows of this peer's shard, at least 1
 * @param epochRows rows one epoch covers at each peer (the mean shard size), at least 1
 * @param batchSize rows per step, at least 1
 */
public record CyclingBatches(long seed, int rank, int shardRows, int epochRows, int batchSize) implements PeerBatches {

    public CyclingBatches {
        if (shardRows < 1 || epochRows < 1 || batchSize < 1) {
            throw new IllegalArgumentException("bad cycling batches: shardRows=" + shardRows + " epochRows=" + epochRows
                    + " batchSize=" + batchSize);
        }
    }

    @Override
    public int stepsPerEpoch() {
        return (epochRows + batchSize - 1) / batchSize;
    }

    @Override
    public int[] rows(int epoch, int step) {
        if (step < 0 || step >= stepsPerEpoch()) {
            throw new IllegalArgumentException("step " + step + " outside 0.." + (stepsPerEpoch() - 1));
        }
        long start = ((long) epoch * stepsPerEpoch() + step) * batchSize;
        int[] rows = new int[batchSize];
        long cycle = -1;
        int[] order = null;
        for (int i = 0; i < batchSize; i++) {
            long position = start + i;
            if (position / shardRows != cycle) {
                cycle = position / shardRows;
                order = permutation(cycle);
            }
            rows[i] = order[(int) (position % shardRows)];
        }
        return rows;
    }

    private int[] permutation(long cycle) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + cycle * 0xBF58476D1CE4E5B9L + rank);
        int[] p = new int[shardRows];
        for (int i = 0; i < shardRows; i++) {
            p[i] = i;
        }
        for (int i = shardRows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
