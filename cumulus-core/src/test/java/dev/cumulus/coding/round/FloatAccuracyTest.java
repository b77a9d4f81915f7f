package dev.cumulus.coding.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.cumulus.coding.Assignment;
import dev.cumulus.coding.ChunkOrder;
import dev.cumulus.coding.EncodingMatrix;
import dev.cumulus.coding.StateVector;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Float32 gradients through the partial-straggler code with the well-conditioned R: the decoded
 * gradient must equal the full gradient to 1e-5 relative error, at N up to 500, at the exact
 * trigger of random interleavings and in an adversarial state (the chunk with the worst-conditioned
 * holders finished by exactly those), whether the worker accumulates in double or in float.
 */
class FloatAccuracyTest {
    private static final int DIMENSION = 96;

    @Test
    void decodesFloatGradientsToOneInTenThousandthsOfAPercentUpToFiveHundredWorkers() {
        double worstLibrary = 0;
        double worstAllFloat = 0;
        for (boolean cyclic : new boolean[] {true, false}) {
            for (int n : new int[] {20, 100, 500}) {
                for (int load : new int[] {4, 6}) {
                    Assignment a = cyclic ? Assignment.cyclic(n, load) : Assignment.randomRegular(n, load, n + load);
                    ChunkOrder order = ChunkOrder.natural(a);
                    for (int parts : new int[] {2, load - 1}) {
                        PartialWork strategy = PartialWork.of(order, parts);
                        Random random = new Random(n * 31L + load * 7L + parts);
                        StateVector[] states = {
                            trigger(strategy, random), trigger(strategy, random), adversarial(strategy)};
                        for (StateVector x : states) {
                            float[][] g = gradients(a.chunks(), random);
                            worstLibrary = Math.max(worstLibrary, relativeError(decode(strategy, x, g, false), g));
                            worstAllFloat = Math.max(worstAllFloat, relativeError(decode(strategy, x, g, true), g));
                        }
                    }
                }
            }
        }
        System.out.printf("float32 decode, harmonic R, N <= 500: worst relative error %.2e (double accumulation),"
                + " %.2e (float accumulation)%n", worstLibrary, worstAllFloat);
        assertThat(worstLibrary).isLessThanOrEqualTo(1e-6);
        assertThat(worstAllFloat).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void theHarmonicMatrixKeepsItsConditioningAsTheCyclicClusterGrows() {
        for (int load : new int[] {4, 6}) {
            for (int parts = 1; parts < load; parts++) {
                Assignment small = Assignment.cyclic(load * 5, load);
                Assignment large = Assignment.cyclic(load * 80, load);
                double c = EncodingMatrix.forAssignment(small, parts).worstHolderConditionNumber(small);
                assertThat(EncodingMatrix.forAssignment(large, parts).worstHolderConditionNumber(large))
                        .isCloseTo(c, offset(1e-9 * c));
                assertThat(c).isLessThan(20);
            }
        }
    }

    @Test
    void theHarmonicMatrixIsAllOnesForOnePartAndHasDistinctColumnsAmongEveryChunksHolders() {
        Assignment a = Assignment.randomRegular(60, 5, 3L);
        EncodingMatrix ones = EncodingMatrix.forAssignment(a, 1);
        for (int j = 0; j < 60; j++) {
            assertThat(ones.get(0, j)).isEqualTo(1.0);
        }
        EncodingMatrix r = EncodingMatrix.forAssignment(a, 3);
        assertThat(r.worstHolderConditionNumber(a)).isFinite().isLessThan(1e3);
    }

    @Test
    void theGaussianMatrixIsFarWorseConditionedOnTheSameHolders() {
        Assignment a = Assignment.cyclic(500, 6);
        double harmonic = EncodingMatrix.forAssignment(a, 4).worstHolderConditionNumber(a);
        double gaussian = EncodingMatrix.gaussian(4, 500, 35L).worstHolderConditionNumber(a);
        assertThat(gaussian).isGreaterThan(1000 * harmonic);
    }

    @Test
    void everyNodeDerivesBitIdenticalCoefficientsFromTheBroadcastState() {
        Assignment a = Assignment.randomRegular(40, 4, 8L);
        PartialWork coordinator = PartialWork.of(ChunkOrder.natural(a), 3);
        PartialWork worker = PartialWork.of(ChunkOrder.natural(Assignment.randomRegular(40, 4, 8L)), 3);
        StateVector x = trigger(coordinator, new Random(4));
        for (int j = 0; j < 40; j++) {
            assertThat(worker.coefficients(x, j)).isDeepEqualTo(coordinator.coefficients(x, j));
        }
        assertThat(Arrays.deepEquals(worker.decoding(x), coordinator.decoding(x))).isTrue();
    }

    static StateVector trigger(Strategy strategy, Random random) {
        CodedRound round = new CodedRound(RoundConfig.exact(strategy));
        Assignment a = strategy.assignment();
        double time = 0;
        while (!round.triggered()) {
            int j = random.nextInt(a.workers());
            if (round.reported(j) < a.load(j)) {
                round.chunkFinished(j, round.reported(j) + 1, time++);
            }
        }
        return round.state();
    }

    /** Every worker done, except that the chunk with the worst holder subset keeps only that subset. */
    static StateVector adversarial(PartialWork strategy) {
        Assignment a = strategy.assignment();
        EncodingMatrix r = strategy.code().matrix();
        int parts = strategy.parts();
        double worst = 0;
        int worstChunk = 0;
        int[] worstSet = null;
        for (int i = 0; i < a.chunks(); i++) {
            int[] holders = a.workersOf(i);
            for (int mask = 0; mask < 1 << holders.length; mask++) {
                if (Integer.bitCount(mask) != parts) {
                    continue;
                }
                int[] set = new int[parts];
                int k = 0;
                for (int h = 0; h < holders.length; h++) {
                    if ((mask & 1 << h) != 0) {
                        set[k++] = holders[h];
                    }
                }
                Assignment one = Assignment.fromLists(1, lists(a.workers(), set));
                double c = r.worstHolderConditionNumber(one);
                if (c > worst) {
                    worst = c;
                    worstChunk = i;
                    worstSet = set;
                }
            }
        }
        int[] x = new int[a.workers()];
        for (int j = 0; j < x.length; j++) {
            x[j] = a.load(j);
        }
        for (int h : a.workersOf(worstChunk)) {
            if (Arrays.stream(worstSet).noneMatch(w -> w == h)) {
                x[h] = strategy.order().positionOf(h, worstChunk);
            }
        }
        StateVector state = StateVector.of(x);
        assertThat(strategy.code().exactTriggered(state)).isTrue();
        return state;
    }

    private static int[][] lists(int workers, int[] holders) {
        int[][] lists = new int[workers][0];
        for (int h : holders) {
            lists[h] = new int[] {0};
        }
        return lists;
    }

    static float[][] gradients(int chunks, Random random) {
        float[][] g = new float[chunks][DIMENSION];
        for (float[] row : g) {
            for (int t = 0; t < DIMENSION; t++) {
                row[t] = (float) random.nextGaussian();
            }
        }
        return g;
    }

    /** Encodes on every worker and decodes, in double accumulation (the library) or all in float. */
    static float[] decode(Strategy strategy, StateVector x, float[][] g, boolean allFloat) {
        int n = strategy.assignment().workers();
        float[][] encoded = new float[n][];
        for (int j = 0; j < n; j++) {
            if (x.finished(j) == 0) {
                continue;
            }
            float[][] mine = new float[x.finished(j)][];
            for (int p = 0; p < mine.length; p++) {
                mine[p] = g[strategy.order().chunkAt(j, p)];
            }
            encoded[j] = allFloat ? encodeInFloat(strategy.coefficients(x, j), mine, strategy.parts())
                    : strategy.encode(x, j, mine);
        }
        if (!allFloat) {
            return strategy.decode(x, encoded, DIMENSION);
        }
        double[][] d = strategy.decoding(x);
        int length = strategy.encodedLength(DIMENSION);
        float[] out = new float[DIMENSION];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < d.length && encoded[j] != null; k++) {
                float rk = (float) d[k][j];
                for (int t = 0; t < length && k * length + t < DIMENSION; t++) {
                    out[k * length + t] += rk * encoded[j][t];
                }
            }
        }
        return out;
    }

    private static float[] encodeInFloat(double[][] beta, float[][] mine, int parts) {
        int length = (DIMENSION + parts - 1) / parts;
        float[] y = new float[length];
        for (int p = 0; p < beta.length; p++) {
            for (int k = 0; k < parts; k++) {
                float b = (float) beta[p][k];
                for (int t = 0; t < length && k * length + t < DIMENSION; t++) {
                    y[t] += b * mine[p][k * length + t];
                }
            }
        }
        return y;
    }

    static double relativeError(float[] decoded, float[][] g) {
        double diff = 0;
        double norm = 0;
        for (int t = 0; t < decoded.length; t++) {
            double sum = 0;
            for (float[] row : g) {
                sum += row[t];
            }
            diff += (decoded[t] - sum) * (decoded[t] - sum);
            norm += sum * sum;
        }
        return Math.sqrt(diff / norm);
    }
}
