package dev.cumulus.coding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.coding.classic.CyclicRepetitionCode;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartialStragglerCodeTest {

    private static final int DIMENSION = 37;

    /** Independent reference: the plain sum of the chunk gradients. */
    static double[] trueSum(double[][] chunkGradients) {
        double[] g = new double[chunkGradients[0].length];
        for (double[] gi : chunkGradients) {
            for (int t = 0; t < g.length; t++) {
                g[t] += gi[t];
            }
        }
        return g;
    }

    static double[][] randomGradients(int chunks, int d, long seed) {
        Random random = new Random(seed);
        double[][] g = new double[chunks][d];
        for (double[] row : g) {
            for (int t = 0; t < d; t++) {
                row[t] = random.nextGaussian();
            }
        }
        return g;
    }

    /** Runs one round end to end in double precision and returns the decoded gradient. */
    static double[] roundTrip(PartialStragglerCode code, StateVector x, double[][] chunkGradients) {
        int n = code.order().assignment().workers();
        double[][] encoded = new double[n][];
        for (int j = 0; j < n; j++) {
            if (!code.sends(j, x)) {
                continue;
            }
            double[][] mine = new double[x.finished(j)][];
            for (int p = 0; p < mine.length; p++) {
                mine[p] = chunkGradients[code.order().chunkAt(j, p)];
            }
            encoded[j] = code.encode(j, x, mine);
        }
        return code.decode(x, encoded, chunkGradients[0].length);
    }

    /** The same round with float vectors on the wire, as the real protocol sends them. */
    static double[] roundTripInFloat(PartialStragglerCode code, StateVector x, double[][] chunkGradients) {
        int n = code.order().assignment().workers();
        float[][] encoded = new float[n][];
        for (int j = 0; j < n; j++) {
            if (!code.sends(j, x)) {
                continue;
            }
            float[][] mine = new float[x.finished(j)][];
            for (int p = 0; p < mine.length; p++) {
                double[] src = chunkGradients[code.order().chunkAt(j, p)];
                mine[p] = new float[src.length];
                for (int t = 0; t < src.length; t++) {
                    mine[p][t] = (float) src[t];
                }
            }
            encoded[j] = code.encode(j, x, mine);
        }
        float[] decoded = code.decode(x, encoded, chunkGradients[0].length);
        double[] out = new double[decoded.length];
        for (int t = 0; t < out.length; t++) {
            out[t] = decoded[t];
        }
        return out;
    }

    static double relativeError(double[] estimate, double[] truth) {
        double num = 0;
        double den = 0;
        for (int t = 0; t < truth.length; t++) {
            double diff = estimate[t] - truth[t];
            num += diff * diff;
            den += truth[t] * truth[t];
        }
        return Math.sqrt(num / den);
    }

    private static PartialStragglerCode cyclic12() {
        return PartialStragglerCode.of(ChunkOrder.natural(Assignment.cyclic(12, 4)), 2, 7L);
    }

    private static StateVector constant(int n, int value) {
        int[] x = new int[n];
        Arrays.fill(x, value);
        return StateVector.of(x);
    }

    @Test
    void decodesExactlyWhenEveryWorkerFinishedTwoOfFourChunks() {
        PartialStragglerCode code = cyclic12();
        StateVector x = constant(12, 2);
        double[][] g = randomGradients(12, DIMENSION, 1);
        assertThat(code.exactTriggered(x)).isTrue();
        assertThat(relativeError(roundTrip(code, x, g), trueSum(g))).isLessThanOrEqualTo(1e-12);
        assertThat(code.normalisedError(x)).isLessThanOrEqualTo(1e-24);
    }

    @Test
    void coefficientErrorIsHalfWhenEveryWorkerFinishedOneChunkOfTwoParts() {
        PartialStragglerCode code = cyclic12();
        StateVector x = constant(12, 1);
        assertThat(code.exactTriggered(x)).isFalse();
        assertThat(code.normalisedError(x)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void decodesExactlyWithTwoFailedWorkers() {
        PartialStragglerCode code = cyclic12();
        int[] x = new int[12];
        Arrays.fill(x, 4);
        x[0] = 0;
        x[1] = 0;
        StateVector state = StateVector.of(x);
        double[][] g = randomGradients(12, DIMENSION, 2);
        assertThat(code.exactTriggered(state)).isTrue();
        assertThat(relativeError(roundTrip(code, state, g), trueSum(g))).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void onePartWithOnesUsesInverseCoverageAndBeatsClassicOnTheToyExample() {
        // W1 = (D1, D2), W2 = (D2, D3), W3 = (D3, D1): the cyclic assignment N = 3, load 2.
        ChunkOrder order = ChunkOrder.natural(Assignment.cyclic(3, 2));
        PartialStragglerCode code = PartialStragglerCode.of(order, 1, 99L);
        StateVector x = StateVector.of(1, 2, 0);
        Coverage coverage = code.coverage(x);
        for (int j = 0; j < 3; j++) {
            double[][] beta = code.coefficients(j, x);
            for (int p = 0; p < beta.length; p++) {
                int chunk = order.chunkAt(j, p);
                assertThat(beta[p][0]).isCloseTo(1.0 / coverage.count(chunk), org.assertj.core.data.Offset.offset(1e-15));
            }
        }
        double[][] g = randomGradients(3, DIMENSION, 3);
        assertThat(code.exactTriggered(x)).isTrue();
        assertThat(relativeError(roundTrip(code, x, g), trueSum(g))).isLessThanOrEqualTo(1e-12);

        // Classic gradient coding (s = 1) counts only W2, the one worker that finished everything.
        CyclicRepetitionCode classic = new CyclicRepetitionCode(3, 1, 5L);
        assertThat(classic.decodingVector(new boolean[] {false, true, false})).isEmpty();
    }

    @Test
    void triggerFiresExactlyWhenEveryChunkReachesTheCoverageAndAShortChunkCostsOne() {
        ChunkOrder order = ChunkOrder.natural(Assignment.cyclic(9, 4));
        Random random = new Random(11);
        for (int parts = 1; parts <= 3; parts++) {
            PartialStragglerCode code = PartialStragglerCode.of(order, parts, 13L);
            for (int trial = 0; trial < 200; trial++) {
                int[] x = new int[9];
                for (int j = 0; j < 9; j++) {
                    x[j] = random.nextInt(5);
                }
                StateVector state = StateVector.of(x);
                int[] counts = code.coverage(state).counts();
                int min = Arrays.stream(counts).min().orElseThrow();
                assertThat(code.exactTriggered(state)).isEqualTo(min >= parts);
                double[] errors = code.chunkErrors(state);
                for (int i = 0; i < 9; i++) {
                    if (counts[i] == parts - 1) {
                        assertThat(errors[i]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
                    }
                }
            }
        }
    }

    @Test
    void independentlyBuiltWorkersDeriveBitIdenticalCoefficientsAndIdleWorkersSendNothing() {
        StateVector x = StateVector.of(3, 0, 2, 4, 1, 2, 3, 0, 4, 2, 1, 3);
        PartialStragglerCode first = cyclic12();
        PartialStragglerCode second = PartialStragglerCode.of(ChunkOrder.natural(Assignment.cyclic(12, 4)), 2, 7L);
        for (int j = 0; j < 12; j++) {
            double[][] a = first.coefficients(j, x);
            double[][] b = second.coefficients(j, StateVector.of(x.toArray()));
            assertThat(a.length).isEqualTo(b.length);
            for (int p = 0; p < a.length; p++) {
                for (int k = 0; k < a[p].length; k++) {
                    assertThat(Double.doubleToRawLongBits(a[p][k])).isEqualTo(Double.doubleToRawLongBits(b[p][k]));
                }
            }
        }
        assertThat(first.sends(1, x)).isFalse();
        assertThat(first.coefficients(1, x)).isEmpty();
        assertThatThrownBy(() -> first.encode(1, x, new float[][] {{1f}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sends nothing");
    }

    @Test
    void everyCoveringStateOfSmallCodesDecodesAndEveryStateMatchesTheErrorFormula() {
        Assignment[] assignments = {Assignment.cyclic(6, 3), Assignment.randomRegular(6, 3, 4L)};
        double[][] g = randomGradients(6, 11, 5);
        double[] truth = trueSum(g);
        for (Assignment a : assignments) {
            for (int parts = 1; parts <= 3; parts++) {
                PartialStragglerCode code = PartialStragglerCode.of(ChunkOrder.optimal(a), parts, 17L);
                int states = 1;
                for (int j = 0; j < 6; j++) {
                    states *= 4;
                }
                int covering = 0;
                for (int s = 0; s < states; s++) {
                    int[] x = new int[6];
                    for (int j = 0, v = s; j < 6; j++, v /= 4) {
                        x[j] = v % 4;
                    }
                    StateVector state = StateVector.of(x);
                    int[] counts = code.coverage(state).counts();
                    assertThat(code.normalisedError(state)).isCloseTo(
                            PartialStragglerCode.normalisedErrorFromCoverage(counts, parts),
                            org.assertj.core.data.Offset.offset(1e-9));
                    if (code.exactTriggered(state)) {
                        covering++;
                        assertThat(relativeError(roundTrip(code, state, g), truth)).isLessThanOrEqualTo(1e-9);
                    }
                }
                assertThat(covering).isPositive();
            }
        }
    }

    @Test
    void everyCoverageSetOfExactlyThreeOfTwentyWorkersDecodes() {
        // One chunk held by all twenty workers: its finisher set is whichever workers report 1.
        int[][] lists = new int[20][];
        Arrays.fill(lists, new int[] {0});
        Assignment a = Assignment.fromLists(1, lists);
        PartialStragglerCode code = new PartialStragglerCode(ChunkOrder.natural(a), EncodingMatrix.gaussian(3, 20, 21L));
        double[][] g = randomGradients(1, 10, 6);
        int sets = 0;
        for (int p = 0; p < 20; p++) {
            for (int q = p + 1; q < 20; q++) {
                for (int r = q + 1; r < 20; r++) {
                    int[] x = new int[20];
                    x[p] = 1;
                    x[q] = 1;
                    x[r] = 1;
                    StateVector state = StateVector.of(x);
                    assertThat(relativeError(roundTrip(code, state, g), g[0])).isLessThanOrEqualTo(1e-9);
                    sets++;
                }
            }
        }
        assertThat(sets).isEqualTo(1140);
    }

    @Test
    void floatVectorsDecodeToFloatAccuracy() {
        PartialStragglerCode code = cyclic12();
        StateVector x = StateVector.of(2, 3, 2, 4, 2, 2, 3, 2, 2, 4, 2, 2);
        double[][] g = randomGradients(12, DIMENSION, 8);
        float[][] encoded = new float[12][];
        for (int j = 0; j < 12; j++) {
            float[][] mine = new float[x.finished(j)][];
            for (int p = 0; p < mine.length; p++) {
                double[] src = g[code.order().chunkAt(j, p)];
                mine[p] = new float[src.length];
                for (int t = 0; t < src.length; t++) {
                    mine[p][t] = (float) src[t];
                }
            }
            encoded[j] = code.encode(j, x, mine);
            assertThat(encoded[j]).hasSize(code.encodedLength(DIMENSION)).hasSize(19);
        }
        float[] decoded = code.decode(x, encoded, DIMENSION);
        double[] asDouble = new double[DIMENSION];
        for (int t = 0; t < DIMENSION; t++) {
            asDouble[t] = decoded[t];
        }
        assertThat(relativeError(asDouble, trueSum(g))).isLessThanOrEqualTo(1e-5);
    }

    @Test
    void rejectsMorePartsThanTheReplicationAllows() {
        ChunkOrder order = ChunkOrder.natural(Assignment.cyclic(8, 3));
        assertThatThrownBy(() -> PartialStragglerCode.of(order, 4, 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parts 4");
    }

    @Test
    void coefficientsStayAccurateForFiveHundredWorkers() {
        int n = 500;
        Assignment a = Assignment.cyclic(n, 4);
        ChunkOrder order = ChunkOrder.natural(a);
        Random random = new Random(23);
        double[][] g = randomGradients(n, 8, 9);
        double[] truth = trueSum(g);
        double worstCondition = 1;
        double worstError = 0;
        double worstFloatError = 0;
        for (int parts = 1; parts <= 4; parts++) {
            PartialStragglerCode code = PartialStragglerCode.of(order, parts, 31L + parts);
            for (int round = 0; round < 2; round++) {
                // Workers report in a random interleaving until the exact trigger fires.
                CoverageTracker tracker = new CoverageTracker(order, parts);
                while (!tracker.complete()) {
                    int j = random.nextInt(n);
                    if (tracker.finished(j) < a.load(j)) {
                        tracker.recordNextChunk(j);
                    }
                }
                StateVector x = tracker.state();
                assertThat(code.exactTriggered(x)).isTrue();
                double error = relativeError(roundTrip(code, x, g), truth);
                worstError = Math.max(worstError, error);
                worstFloatError = Math.max(worstFloatError, relativeError(roundTripInFloat(code, x, g), truth));
                worstCondition = Math.max(worstCondition, code.worstConditionNumber(x));
            }
        }
        System.out.printf("N=500: worst relative decode error %.3e in double, %.3e with float vectors;"
                + " worst condition number %.3e%n", worstError, worstFloatError, worstCondition);
        assertThat(worstError).isLessThanOrEqualTo(1e-9);
        assertThat(worstFloatError).isLessThanOrEqualTo(1e-4);
    }
}
