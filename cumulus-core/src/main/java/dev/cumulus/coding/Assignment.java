package dev.cumulus.coding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * An assignment of m data chunks to N workers: the binary matrix A (m x N) with A[i][j] = 1 iff
 * worker j holds chunk i.
 *
 * <p>Each worker also keeps the order in which its chunks were listed when the assignment was
 * built (for the cyclic assignment, j, j+1, ..., j+load-1 mod m); {@link ChunkOrder#natural} uses
 * it. Instances are immutable.
 */
public final class Assignment {
    private final int chunks;
    private final int[][] chunksOfWorker;
    private final int[][] workersOfChunk;

    private Assignment(int chunks, int[][] chunksOfWorker) {
        if (chunks < 1) {
            throw new IllegalArgumentException("an assignment needs at least one chunk, got " + chunks);
        }
        if (chunksOfWorker.length < 1) {
            throw new IllegalArgumentException("an assignment needs at least one worker");
        }
        this.chunks = chunks;
        this.chunksOfWorker = new int[chunksOfWorker.length][];
        List<List<Integer>> holders = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            holders.add(new ArrayList<>());
        }
        for (int j = 0; j < chunksOfWorker.length; j++) {
            int[] list = chunksOfWorker[j].clone();
            boolean[] seen = new boolean[chunks];
            for (int chunk : list) {
                if (chunk < 0 || chunk >= chunks) {
                    throw new IllegalArgumentException(
                            "worker " + j + " lists chunk " + chunk + ", expected 0.." + (chunks - 1));
                }
                if (seen[chunk]) {
                    throw new IllegalArgumentException("worker " + j + " lists chunk " + chunk + " twice");
                }
                seen[chunk] = true;
                holders.get(chunk).add(j);
            }
            this.chunksOfWorker[j] = list;
        }
        this.workersOfChunk = new int[chunks][];
        for (int i = 0; i < chunks; i++) {
            workersOfChunk[i] = holders.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * The cyclic assignment with m = N: worker j holds chunks j, j+1, ..., j+load-1 (mod N), listed
     * in that order.
     */
    public static Assignment cyclic(int workers, int load) {
        return cyclic(workers, workers, load);
    }

    /**
     * The cyclic assignment of {@code chunks} chunks: worker j holds load consecutive chunks
     * (mod m) starting at floor(j m / N). For m = N it is the classic cyclic assignment.
     */
    public static Assignment cyclic(int chunks, int workers, int load) {
        requirePositive("workers", workers);
        requirePositive("chunks", chunks);
        if (load < 1 || load > chunks) {
            throw new IllegalArgumentException("load " + load + " must be between 1 and the chunk count " + chunks);
        }
        int[][] lists = new int[workers][load];
        for (int j = 0; j < workers; j++) {
            int start = (int) ((long) j * chunks / workers);
            for (int t = 0; t < load; t++) {
                lists[j][t] = (start + t) % chunks;
            }
        }
        return new Assignment(chunks, lists);
    }

    /**
     * The fractional-repetition assignment (Tandon et al.): N = m, workers in groups of
     * {@code groupSize}; every worker of group g holds chunks g*groupSize .. g*groupSize+groupSize-1.
     */
    public static Assignment fractionalRepetition(int workers, int groupSize) {
        requirePositive("workers", workers);
        if (groupSize < 1 || workers % groupSize != 0) {
            throw new IllegalArgumentException(
                    "group size " + groupSize + " must divide the worker count " + workers);
        }
        int[][] lists = new int[workers][groupSize];
        for (int j = 0; j < workers; j++) {
            int first = (j / groupSize) * groupSize;
            for (int t = 0; t < groupSize; t++) {
                lists[j][t] = first + t;
            }
        }
        return new Assignment(workers, lists);
    }

    /**
     * A random load-regular bipartite assignment with m = N: the union of {@code load} random,
     * pairwise edge-disjoint perfect matchings. Each worker lists its chunks by index.
     */
    public static Assignment randomRegular(int workers, int load, long seed) {
        requirePositive("workers", workers);
        if (load < 1 || load > workers) {
            throw new IllegalArgumentException("load " + load + " must be between 1 and the chunk count " + workers);
        }
        Random random = new Random(seed);
        boolean[][] used = new boolean[workers][workers];
        int[][] lists = new int[workers][load];
        for (int t = 0; t < load; t++) {
            int[][] adjacency = new int[workers][];
            for (int j = 0; j < workers; j++) {
                int[] free = new int[workers - t];
                int n = 0;
                for (int i = 0; i < workers; i++) {
                    if (!used[j][i]) {
                        free[n++] = i;
                    }
                }
                shuffle(free, random);
                adjacency[j] = free;
            }
            // The unused edges form a (N - t)-regular bipartite graph, so a perfect matching exists.
            int[] chunkOfWorker = BipartiteMatching.perfect(adjacency, workers);
            for (int j = 0; j < workers; j++) {
                used[j][chunkOfWorker[j]] = true;
                lists[j][t] = chunkOfWorker[j];
            }
        }
        for (int[] list : lists) {
            Arrays.sort(list);
        }
        return new Assignment(workers, lists);
    }

    /** The uncoded assignment: chunks split into N contiguous blocks, no redundancy. */
    public static Assignment uncoded(int chunks, int workers) {
        requirePositive("workers", workers);
        requirePositive("chunks", chunks);
        int[][] lists = new int[workers][];
        for (int j = 0; j < workers; j++) {
            int from = (int) ((long) j * chunks / workers);
            int to = (int) ((long) (j + 1) * chunks / workers);
            lists[j] = new int[to - from];
            for (int i = from; i < to; i++) {
                lists[j][i - from] = i;
            }
        }
        return new Assignment(chunks, lists);
    }

    /** An assignment from its m x N matrix ({@code holds[i][j]} iff worker j holds chunk i). */
    public static Assignment fromMatrix(boolean[][] holds) {
        if (holds.length == 0) {
            throw new IllegalArgumentException("the assignment matrix has no rows (chunks)");
        }
        int workers = holds[0].length;
        int[][] lists = new int[workers][];
        for (int j = 0; j < workers; j++) {
            int n = 0;
            int[] list = new int[holds.length];
            for (int i = 0; i < holds.length; i++) {
                if (holds[i].length != workers) {
                    throw new IllegalArgumentException("assignment matrix row " + i + " has " + holds[i].length
                            + " columns, expected " + workers);
                }
                if (holds[i][j]) {
                    list[n++] = i;
                }
            }
            lists[j] = Arrays.copyOf(list, n);
        }
        return new Assignment(holds.length, lists);
    }

    /** An assignment from each worker's chunk list; the lists' order becomes the natural order. */
    public static Assignment fromLists(int chunks, int[][] chunksOfWorker) {
        return new Assignment(chunks, chunksOfWorker);
    }

    /** Number of chunks m. */
    public int chunks() {
        return chunks;
    }

    /** Number of workers N. */
    public int workers() {
        return chunksOfWorker.length;
    }

    /** Chunks held by worker j, in the order they were listed (a copy). */
    public int[] chunksOf(int worker) {
        return chunksOfWorker[worker].clone();
    }

    /** Workers holding chunk i, ascending (a copy). */
    public int[] workersOf(int chunk) {
        return workersOfChunk[chunk].clone();
    }

    /** The load gamma_j: chunks held by worker j. */
    public int load(int worker) {
        return chunksOfWorker[worker].length;
    }

    /** The replication r_i: workers holding chunk i. */
    public int replication(int chunk) {
        return workersOfChunk[chunk].length;
    }

    /** min_i r_i, the largest number of parts that still allows exact recovery. */
    public int minReplication() {
        int min = Integer.MAX_VALUE;
        for (int[] holders : workersOfChunk) {
            min = Math.min(min, holders.length);
        }
        return min;
    }

    /** max_j gamma_j. */
    public int maxLoad() {
        int max = 0;
        for (int[] list : chunksOfWorker) {
            max = Math.max(max, list.length);
        }
        return max;
    }

    /** Whether worker j holds chunk i. */
    public boolean holds(int chunk, int worker) {
        for (int c : chunksOfWorker[worker]) {
            if (c == chunk) {
                return true;
            }
        }
        return false;
    }

    /** True for the class N = m with every load and every replication equal. */
    public boolean isRegular() {
        if (chunks != workers()) {
            return false;
        }
        int gamma = chunksOfWorker[0].length;
        for (int j = 0; j < workers(); j++) {
            if (chunksOfWorker[j].length != gamma) {
                return false;
            }
        }
        for (int[] holders : workersOfChunk) {
            if (holders.length != gamma) {
                return false;
            }
        }
        return true;
    }

    /** The m x N matrix A. */
    public boolean[][] matrix() {
        boolean[][] a = new boolean[chunks][workers()];
        for (int j = 0; j < workers(); j++) {
            for (int i : chunksOfWorker[j]) {
                a[i][j] = true;
            }
        }
        return a;
    }

    @Override
    public String toString() {
        return "Assignment(" + chunks + " chunks, " + workers() + " workers)";
    }

    private static void shuffle(int[] values, Random random) {
        for (int k = values.length - 1; k > 0; k--) {
            int r = random.nextInt(k + 1);
            int tmp = values[k];
            values[k] = values[r];
            values[r] = tmp;
        }
    }

    private static void requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
