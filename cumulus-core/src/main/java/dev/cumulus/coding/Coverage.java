package dev.cumulus.coding;

/**
 * What a state vector implies for every chunk: S_i, the workers that finished chunk i (ascending),
 * and the coverage count c_i = |S_i|. Immutable.
 */
public final class Coverage {
    private final int[][] finishers;

    private Coverage(int[][] finishers) {
        this.finishers = finishers;
    }

    /**
     * The coverage of state x under the order.
     *
     * @throws IllegalArgumentException if x has the wrong length or a count above a worker's load
     */
    public static Coverage of(ChunkOrder order, StateVector x) {
        Assignment a = order.assignment();
        if (x.workers() != a.workers()) {
            throw new IllegalArgumentException("state vector has " + x.workers() + " workers, the assignment "
                    + a.workers());
        }
        int m = a.chunks();
        int[] counts = new int[m];
        for (int j = 0; j < a.workers(); j++) {
            int done = x.finished(j);
            if (done > a.load(j)) {
                throw new IllegalArgumentException("worker " + j + " reports " + done
                        + " finished chunks but holds only " + a.load(j));
            }
            for (int p = 0; p < done; p++) {
                counts[order.chunkAt(j, p)]++;
            }
        }
        int[][] finishers = new int[m][];
        for (int i = 0; i < m; i++) {
            finishers[i] = new int[counts[i]];
        }
        int[] fill = new int[m];
        // Workers are visited in ascending order, so every S_i comes out sorted.
        for (int j = 0; j < a.workers(); j++) {
            for (int p = 0; p < x.finished(j); p++) {
                int i = order.chunkAt(j, p);
                finishers[i][fill[i]++] = j;
            }
        }
        return new Coverage(finishers);
    }

    /** Number of chunks. */
    public int chunks() {
        return finishers.length;
    }

    /** c_i. */
    public int count(int chunk) {
        return finishers[chunk].length;
    }

    /** All c_i. */
    public int[] counts() {
        int[] c = new int[finishers.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = finishers[i].length;
        }
        return c;
    }

    /** S_i, ascending (a copy). */
    public int[] finishers(int chunk) {
        return finishers[chunk].clone();
    }

    int[] finishersView(int chunk) {
        return finishers[chunk];
    }

    /** min_i c_i. */
    public int min() {
        int min = Integer.MAX_VALUE;
        for (int[] f : finishers) {
            min = Math.min(min, f.length);
        }
        return min;
    }

    /** The exact-mode trigger: every chunk finished by at least {@code parts} workers. */
    public boolean coversAll(int parts) {
        return min() >= parts;
    }

    /** sum_i (parts - min(parts, c_i)): the coverage still missing for exact recovery. */
    public int deficit(int parts) {
        int sum = 0;
        for (int[] f : finishers) {
            sum += Math.max(0, parts - f.length);
        }
        return sum;
    }
}
