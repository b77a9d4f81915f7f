package dev.cumulus.coding;

import java.util.Arrays;

/** Perfect matchings in bipartite graphs (augmenting paths, Kuhn's algorithm). */
final class BipartiteMatching {
    private BipartiteMatching() {
    }

    /**
     * A perfect matching of the left vertices (workers) into the right vertices (chunks), trying
     * neighbours in the order given. Returns the chunk matched to each worker.
     *
     * @throws IllegalArgumentException if the graph has no perfect matching of the left side
     */
    static int[] perfect(int[][] adjacency, int rightCount) {
        int left = adjacency.length;
        int[] workerOfChunk = new int[rightCount];
        int[] chunkOfWorker = new int[left];
        Arrays.fill(workerOfChunk, -1);
        Arrays.fill(chunkOfWorker, -1);
        // A greedy pass first: on dense graphs it matches almost everything without search.
        for (int j = 0; j < left; j++) {
            for (int c : adjacency[j]) {
                if (workerOfChunk[c] < 0) {
                    workerOfChunk[c] = j;
                    chunkOfWorker[j] = c;
                    break;
                }
            }
        }
        int[] visitedStamp = new int[rightCount];
        int stamp = 0;
        for (int j = 0; j < left; j++) {
            if (chunkOfWorker[j] >= 0) {
                continue;
            }
            stamp++;
            if (!augment(j, adjacency, workerOfChunk, chunkOfWorker, visitedStamp, stamp)) {
                throw new IllegalArgumentException("no perfect matching: worker " + j + " cannot be matched");
            }
        }
        return chunkOfWorker;
    }

    /** Iterative depth-first search for an augmenting path from an unmatched worker. */
    private static boolean augment(int start, int[][] adjacency, int[] workerOfChunk, int[] chunkOfWorker,
                                   int[] visitedStamp, int stamp) {
        int left = adjacency.length;
        int[] stackWorker = new int[left + 1];
        int[] stackNext = new int[left + 1];
        int[] viaChunk = new int[left + 1];
        int depth = 0;
        stackWorker[0] = start;
        stackNext[0] = 0;
        while (depth >= 0) {
            int j = stackWorker[depth];
            if (stackNext[depth] >= adjacency[j].length) {
                depth--;
                continue;
            }
            int c = adjacency[j][stackNext[depth]++];
            if (visitedStamp[c] == stamp) {
                continue;
            }
            visitedStamp[c] = stamp;
            viaChunk[depth] = c;
            if (workerOfChunk[c] < 0) {
                for (int d = depth; d >= 0; d--) {
                    int w = stackWorker[d];
                    int chunk = viaChunk[d];
                    workerOfChunk[chunk] = w;
                    chunkOfWorker[w] = chunk;
                }
                return true;
            }
            depth++;
            stackWorker[depth] = workerOfChunk[c];
            stackNext[depth] = 0;
        }
        return false;
    }
}
