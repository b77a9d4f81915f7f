package dev.cumulus.coding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkOrderTest {

    /** Brute force: 1 + the largest total work over states that leave some chunk short of coverage. */
    static int bruteForceQMax(ChunkOrder order, int parts) {
        Assignment a = order.assignment();
        int n = a.workers();
        int[] x = new int[n];
        int best = 0;
        while (true) {
            StateVector state = StateVector.of(x);
            if (!Coverage.of(order, state).coversAll(parts)) {
                best = Math.max(best, state.total());
            }
            int j = 0;
            while (j < n && x[j] == a.load(j)) {
                x[j] = 0;
                j++;
            }
            if (j == n) {
                return best + 1;
            }
            x[j]++;
        }
    }

    /** Every ordering of every worker's chunks (load! ^ N of them) for a small assignment. */
    static int exhaustiveOptimum(Assignment a, int parts) {
        int n = a.workers();
        int[][][] perms = new int[n][][];
        for (int j = 0; j < n; j++) {
            perms[j] = permutations(a.chunksOf(j));
        }
        int[] pick = new int[n];
        int best = Integer.MAX_VALUE;
        while (true) {
            int[][] orders = new int[n][];
            for (int j = 0; j < n; j++) {
                orders[j] = perms[j][pick[j]];
            }
            best = Math.min(best, ChunkOrder.of(a, orders).qMax(parts));
            int j = 0;
            while (j < n && pick[j] == perms[j].length - 1) {
                pick[j] = 0;
                j++;
            }
            if (j == n) {
                return best;
            }
            pick[j]++;
        }
    }

    private static int[][] permutations(int[] values) {
        if (values.length == 1) {
            return new int[][] {values.clone()};
        }
        java.util.List<int[]> out = new java.util.ArrayList<>();
        for (int k = 0; k < values.length; k++) {
            int[] rest = new int[values.length - 1];
            for (int r = 0, w = 0; r < values.length; r++) {
                if (r != k) {
                    rest[w++] = values[r];
                }
            }
            for (int[] tail : permutations(rest)) {
                int[] p = new int[values.length];
                p[0] = values[k];
                System.arraycopy(tail, 0, p, 1, tail.length);
                out.add(p);
            }
        }
        return out.toArray(new int[0][]);
    }

    @Test
    void qMaxFormulaEqualsBruteForceOverStatesForRandomOrderings() {
        Assignment a = Assignment.cyclic(5, 3);
        for (long seed = 0; seed < 20; seed++) {
            ChunkOrder order = ChunkOrder.random(a, seed);
            for (int parts = 1; parts <= 3; parts++) {
                assertThat(order.qMax(parts)).as("seed %d parts %d", seed, parts)
                        .isEqualTo(bruteForceQMax(order, parts));
            }
        }
        ChunkOrder randomRegular = ChunkOrder.random(Assignment.randomRegular(5, 3, 3L), 9L);
        for (int parts = 1; parts <= 3; parts++) {
            assertThat(randomRegular.qMax(parts)).isEqualTo(bruteForceQMax(randomRegular, parts));
        }
    }

    @Test
    void naturalCyclicOrderMeetsTheBoundAndSortedOrderDoesNot() {
        Assignment a = Assignment.cyclic(8, 3);
        ChunkOrder natural = ChunkOrder.natural(a);
        ChunkOrder sorted = ChunkOrder.sortedByIndex(a);
        assertThat(new int[] {natural.qMax(1), natural.qMax(2), natural.qMax(3)}).containsExactly(19, 22, 24);
        assertThat(new int[] {sorted.qMax(1), sorted.qMax(2), sorted.qMax(3)}).containsExactly(22, 23, 24);
        for (int parts = 1; parts <= 3; parts++) {
            assertThat(natural.qMax(parts)).isEqualTo(ChunkOrder.qMaxLowerBound(8, 3, parts));
        }
    }

    @Test
    void matchingOrderMeetsTheExhaustiveOptimum() {
        Assignment a = Assignment.cyclic(5, 3);
        ChunkOrder optimal = ChunkOrder.optimal(a);
        int[] expected = {10, 13, 15};
        for (int parts = 1; parts <= 3; parts++) {
            assertThat(exhaustiveOptimum(a, parts)).isEqualTo(expected[parts - 1]);
            assertThat(optimal.qMax(parts)).isEqualTo(expected[parts - 1]);
        }
    }

    @Test
    void optimalOrderPutsEveryChunkInEveryPositionOnceAtScale() {
        for (Assignment a : new Assignment[] {Assignment.cyclic(1000, 6), Assignment.randomRegular(1000, 6, 5L)}) {
            ChunkOrder order = ChunkOrder.optimal(a);
            int[][] seen = new int[1000][6];
            for (int j = 0; j < 1000; j++) {
                for (int p = 0; p < 6; p++) {
                    seen[order.chunkAt(j, p)][p]++;
                }
            }
            for (int[] row : seen) {
                assertThat(row).containsOnly(1);
            }
            for (int parts = 1; parts <= 6; parts++) {
                assertThat(order.qMax(parts)).isEqualTo(ChunkOrder.qMaxLowerBound(1000, 6, parts));
            }
            assertThat(ChunkOrder.sortedByIndex(a).qMax(1)).isGreaterThanOrEqualTo(order.qMax(1));
        }
    }

    @Test
    void rejectsOptimalOrderForIrregularAssignmentsAndOrdersThatAreNotPermutations() {
        Assignment irregular = Assignment.fromLists(3, new int[][] {{0, 1}, {1, 2}, {2}});
        assertThatThrownBy(() -> ChunkOrder.optimal(irregular)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not regular");
        assertThatThrownBy(() -> ChunkOrder.of(Assignment.cyclic(3, 2), new int[][] {{0, 1}, {1, 1}, {2, 0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("worker 1");
    }

    @Test
    void randomRegularAssignmentIsRegularWithoutRepeatedChunks() {
        Random random = new Random(1);
        for (int trial = 0; trial < 5; trial++) {
            int n = 5 + random.nextInt(40);
            int load = 1 + random.nextInt(Math.min(n, 7));
            Assignment a = Assignment.randomRegular(n, load, random.nextLong());
            assertThat(a.isRegular()).isTrue();
            assertThat(a.load(0)).isEqualTo(load);
            assertThat(a.minReplication()).isEqualTo(load);
        }
    }
}
