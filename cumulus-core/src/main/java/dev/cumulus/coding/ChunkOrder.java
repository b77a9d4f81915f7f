package dev.cumulus.coding;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * The public order pi_j in which every worker processes its chunks, over a given assignment.
 *
 * <p>Because the order is public, a worker's count x_j says exactly which chunks it has done: the
 * first x_j of its order. Instances are immutable.
 */
public final class ChunkOrder {
    private final Assignment assignment;
    private final int[][] orders;

    private ChunkOrder(Assignment assignment, int[][] orders) {
        this.assignment = Objects.requireNonNull(assignment, "assignment");
        if (orders.length != assignment.workers()) {
            throw new IllegalArgumentException(
                    "an order per worker is needed: got " + orders.length + " for " + assignment.workers() + " workers");
        }
        this.orders = new int[orders.length][];
        for (int j = 0; j < orders.length; j++) {
            int[] held = assignment.chunksOf(j);
            int[] order = orders[j].clone();
            int[] a = held.clone();
            int[] b = order.clone();
            Arrays.sort(a);
            Arrays.sort(b);
            if (!Arrays.equals(a, b)) {
                throw new IllegalArgumentException("order of worker " + j + " " + Arrays.toString(order)
                        + " is not a permutation of its chunks " + Arrays.toString(held));
            }
            this.orders[j] = order;
        }
    }

    /** Each worker processes its chunks in the order the assignment listed them. */
    public static ChunkOrder natural(Assignment assignment) {
        int[][] orders = new int[assignment.workers()][];
        for (int j = 0; j < orders.length; j++) {
            orders[j] = assignment.chunksOf(j);
        }
        return new ChunkOrder(assignment, orders);
    }

    /** Each worker processes its chunks by ascending index. */
    public static ChunkOrder sortedByIndex(Assignment assignment) {
        int[][] orders = new int[assignment.workers()][];
        for (int j = 0; j < orders.length; j++) {
            orders[j] = assignment.chunksOf(j);
            Arrays.sort(orders[j]);
        }
        return new ChunkOrder(assignment, orders);
    }

    /** Each worker processes its chunks in an independent uniformly random order, fixed by the seed. */
    public static ChunkOrder random(Assignment assignment, long seed) {
        Random random = new Random(seed);
        int[][] orders = new int[assignment.workers()][];
        for (int j = 0; j < orders.length; j++) {
            int[] order = assignment.chunksOf(j);
            Arrays.sort(order);
            for (int k = order.length - 1; k > 0; k--) {
                int r = random.nextInt(k + 1);
                int tmp = order[k];
                order[k] = order[r];
                order[r] = tmp;
            }
            orders[j] = order;
        }
        return new ChunkOrder(assignment, orders);
    }

    /**
     * The optimal order for the class N = m with equal loads gamma: the gamma-regular assignment
     * graph is split into gamma perfect matchings and matching t fills position t, so every chunk
     * occupies every position exactly once and Q_max meets its lower bound.
     *
     * @throws IllegalArgumentException if the assignment is not in that class
     */
    public static ChunkOrder optimal(Assignment assignment) {
        if (!assignment.isRegular()) {
            throw new IllegalArgumentException("the optimal order needs N = m and equal loads and replications; "
                    + assignment + " is not regular");
        }
        int n = assignment.workers();
        int gamma = assignment.load(0);
        boolean[][] remaining = new boolean[n][n];
        for (int j = 0; j < n; j++) {
            for (int i : assignment.chunksOf(j)) {
                remaining[j][i] = true;
            }
        }
        int[][] orders = new int[n][gamma];
        for (int t = 0; t < gamma; t++) {
            int[][] adjacency = new int[n][];
            for (int j = 0; j < n; j++) {
                // Neighbours in the worker's natural listing order, so ties resolve deterministically.
                boolean[] open = remaining[j];
                adjacency[j] = Arrays.stream(assignment.chunksOf(j)).filter(i -> open[i]).toArray();
            }
            // What remains after removing t perfect matchings is (gamma - t)-regular: Hall's theorem
            // guarantees another perfect matching.
            int[] chunkOfWorker = BipartiteMatching.perfect(adjacency, n);
            for (int j = 0; j < n; j++) {
                remaining[j][chunkOfWorker[j]] = false;
                orders[j][t] = chunkOfWorker[j];
            }
        }
        return new ChunkOrder(assignment, orders);
    }

    /** An explicit order: {@code orders[j]} must be a permutation of worker j's chunks. */
    public static ChunkOrder of(Assignment assignment, int[][] orders) {
        return new ChunkOrder(assignment, orders);
    }

    /** The assignment this order is over. */
    public Assignment assignment() {
        return assignment;
    }

    /** Worker j's order (a copy). */
    public int[] orderOf(int worker) {
        return orders[worker].clone();
    }

    /** The chunk worker j processes at 0-based position p. */
    public int chunkAt(int worker, int position) {
        return orders[worker][position];
    }

    /** 0-based position of chunk i in worker j's order, or -1 if j does not hold it. */
    public int positionOf(int worker, int chunk) {
        int[] order = orders[worker];
        for (int p = 0; p < order.length; p++) {
            if (order[p] == chunk) {
                return p;
            }
        }
        return -1;
    }

    /**
     * Q_max(parts): the worst-case number of chunks the whole cluster processes before every chunk
     * is covered {@code parts} times, 1 + sum_j gamma_j - min_i (sum of the r_i - parts + 1
     * smallest weights of chunk i), where the weight of chunk i at worker j is gamma_j - p for
     * 0-based position p.
     */
    public int qMax(int parts) {
        if (parts < 1 || parts > assignment.minReplication()) {
            throw new IllegalArgumentException("parts " + parts + " must be between 1 and the minimum replication "
                    + assignment.minReplication());
        }
        int totalLoad = 0;
        for (int j = 0; j < assignment.workers(); j++) {
            totalLoad += assignment.load(j);
        }
        int minSum = Integer.MAX_VALUE;
        for (int i = 0; i < assignment.chunks(); i++) {
            int[] holders = assignment.workersOf(i);
            int[] weights = new int[holders.length];
            for (int k = 0; k < holders.length; k++) {
                weights[k] = assignment.load(holders[k]) - positionOf(holders[k], i);
            }
            Arrays.sort(weights);
            int sum = 0;
            for (int k = 0; k < holders.length - parts + 1; k++) {
                sum += weights[k];
            }
            minSum = Math.min(minSum, sum);
        }
        return 1 + totalLoad - minSum;
    }

    /** The lower bound N gamma + 1 - (gamma - parts + 1)(gamma - parts + 2)/2 for the regular class. */
    public static int qMaxLowerBound(int workers, int load, int parts) {
        int k = load - parts + 1;
        return workers * load + 1 - k * (k + 1) / 2;
    }
}
