package dev.cumulus.coding.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.cumulus.coding.Assignment;
import dev.cumulus.coding.ChunkOrder;
import dev.cumulus.coding.EncodingMatrix;
import dev.cumulus.coding.PartialStragglerCode;
import dev.cumulus.coding.StateVector;
import dev.cumulus.coding.classic.CyclicRepetitionCode;
import dev.cumulus.coding.classic.FractionalRepetitionCode;
import dev.cumulus.coding.classic.GradientCode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;

/**
 * Every strategy against an independent computation, over every state vector of small clusters:
 * recoverability from the rank of the finishers' columns (EJML's SVD rank), and the coefficients
 * and decoding matrix multiplied out into the weight every chunk part gets in the decoded sum.
 */
class StrategyBruteForceProperties {

    @Property(tries = 15)
    void partialWorkIsRecoverableExactlyWhenEveryChunksFinishersSpanAndThenDecodesEveryChunkOnce(
            @ForAll @IntRange(min = 3, max = 5) int workers, @ForAll @IntRange(min = 1, max = 3) int loadWish,
            @ForAll @IntRange(min = 1, max = 3) int partsWish, @ForAll long seed, @ForAll boolean gaussian) {
        int load = Math.min(loadWish, workers);
        int parts = Math.min(partsWish, load);
        Assignment a = Assignment.randomRegular(workers, load, seed);
        ChunkOrder order = ChunkOrder.random(a, seed + 1);
        EncodingMatrix r = gaussian ? EncodingMatrix.forParts(parts, workers, seed)
                : EncodingMatrix.forAssignment(a, parts);
        PartialWork strategy = new PartialWork(new PartialStragglerCode(order, r));
        forEveryState(a, x -> checkCoverageStrategy(strategy, r, x, x));
    }

    @Property(tries = 15)
    void wholeWorkersCountOnlyWorkersThatFinishedEverything(
            @ForAll @IntRange(min = 3, max = 5) int workers, @ForAll @IntRange(min = 1, max = 3) int loadWish,
            @ForAll @IntRange(min = 1, max = 3) int partsWish, @ForAll long seed) {
        int load = Math.min(loadWish, workers);
        int parts = Math.min(partsWish, load);
        Assignment a = Assignment.randomRegular(workers, load, seed);
        ChunkOrder order = ChunkOrder.natural(a);
        EncodingMatrix r = EncodingMatrix.forAssignment(a, parts);
        WholeWorkers strategy = new WholeWorkers(new PartialStragglerCode(order, r));
        forEveryState(a, x -> {
            int[] whole = new int[workers];
            for (int j = 0; j < workers; j++) {
                whole[j] = x[j] == load ? load : 0;
            }
            checkCoverageStrategy(strategy, r, x, whole);
        });
    }

    @Property(tries = 20)
    void classicCodesAreRecoverableExactlyWhenTheFinishedRowsSpanTheAllOnesVector(
            @ForAll @IntRange(min = 2, max = 6) int workers, @ForAll @IntRange(min = 0, max = 2) int stragglersWish,
            @ForAll long seed, @ForAll boolean fractional) {
        int s = Math.min(stragglersWish, workers - 1);
        GradientCode code;
        if (fractional) {
            while (workers % (s + 1) != 0) {
                s--;
            }
            code = new FractionalRepetitionCode(workers, s);
        } else {
            code = new CyclicRepetitionCode(workers, s, seed);
        }
        ClassicCode strategy = new ClassicCode(code);
        double[][] b = code.encodingMatrix();
        Assignment a = strategy.assignment();
        forEveryState(a, x -> {
            Progress progress = strategy.start();
            int finished = 0;
            for (int j = 0; j < x.length; j++) {
                progress.chunksFinished(j, x[j]);
            }
            boolean[] whole = new boolean[x.length];
            for (int j = 0; j < x.length; j++) {
                whole[j] = x[j] == a.load(j);
                finished += whole[j] ? 1 : 0;
            }
            boolean spans = spansOnes(b, whole);
            assertThat(progress.recoverable()).isEqualTo(spans);
            if (finished >= x.length - code.stragglers()) {
                assertThat(spans).isTrue();
            }
            StateVector broadcast = progress.broadcast();
            double[] weights = chunkWeights(strategy, broadcast, a.chunks());
            for (double w : weights) {
                if (spans) {
                    assertThat(w).isCloseTo(1.0, offset(1e-8));
                }
            }
            double error = 0;
            for (double w : weights) {
                error += (w - 1) * (w - 1);
            }
            assertThat(progress.normalisedError()).isCloseTo(error / a.chunks(), offset(1e-9));
        });
    }

    @Property(tries = 20)
    void uncodedIsRecoverableOnlyWhenEveryWorkerFinishedAndAddsWhatArrived(
            @ForAll @IntRange(min = 1, max = 9) int chunks, @ForAll @IntRange(min = 1, max = 5) int workers) {
        Uncoded strategy = Uncoded.of(chunks, workers);
        Assignment a = strategy.assignment();
        forEveryState(a, x -> {
            Progress progress = strategy.start();
            int missing = 0;
            boolean all = true;
            for (int j = 0; j < x.length; j++) {
                progress.chunksFinished(j, x[j]);
                if (x[j] < a.load(j)) {
                    all = false;
                    missing += a.load(j);
                }
            }
            assertThat(progress.recoverable()).isEqualTo(all);
            assertThat(progress.normalisedError()).isEqualTo((double) missing / chunks);
            double[] weights = chunkWeights(strategy, progress.broadcast(), chunks);
            double error = 0;
            for (double w : weights) {
                assertThat(w).isIn(0.0, 1.0);
                error += (w - 1) * (w - 1);
            }
            assertThat(error / chunks).isEqualTo(progress.normalisedError());
        });
    }

    /**
     * Feeds state x into a fresh progress; the state that counts is {@code counted} (x itself, or
     * x with partial workers zeroed). Checks recoverability against the rank of every chunk's
     * finishers, and the per-chunk weights W_i = sum_j D[:, j] beta_{j,i}^T against I.
     */
    private static void checkCoverageStrategy(Strategy strategy, EncodingMatrix r, int[] x, int[] counted) {
        Assignment a = strategy.assignment();
        int parts = strategy.parts();
        Progress progress = strategy.start();
        for (int j = 0; j < x.length; j++) {
            progress.chunksFinished(j, x[j]);
        }
        StateVector broadcast = progress.broadcast();
        assertThat(broadcast).isEqualTo(StateVector.of(counted));
        boolean recoverable = true;
        long deficit = 0;
        double[][][] w = partWeights(strategy, broadcast, a.chunks());
        double error = 0;
        for (int i = 0; i < a.chunks(); i++) {
            int[] finishers = finishers(strategy.order(), counted, i);
            int rank = finishers.length == 0 ? 0 : SingularOps_DDRM.rank(columns(r, finishers), 1e-9);
            recoverable &= rank == parts;
            deficit += parts - rank;
            for (int k = 0; k < parts; k++) {
                for (int l = 0; l < parts; l++) {
                    double diff = w[i][k][l] - (k == l ? 1 : 0);
                    error += diff * diff;
                    if (rank == parts) {
                        assertThat(Math.abs(diff)).isLessThanOrEqualTo(1e-9);
                    }
                }
            }
        }
        assertThat(progress.recoverable()).isEqualTo(recoverable);
        // With every parts-subset of a chunk's holders independent, the error is the rank deficit.
        assertThat(progress.normalisedError()).isCloseTo(error / (a.chunks() * parts),
                offset(1e-9));
        assertThat(progress.normalisedError()).isEqualTo((double) deficit / ((double) a.chunks() * parts));
    }

    /** W[i][k][l]: how much of part l of chunk i's gradient lands in part k of the decoded sum. */
    static double[][][] partWeights(Strategy strategy, StateVector x, int chunks) {
        int parts = strategy.parts();
        double[][] d = strategy.decoding(x);
        double[][][] w = new double[chunks][parts][parts];
        for (int j = 0; j < x.workers(); j++) {
            double[][] beta = strategy.coefficients(x, j);
            for (int p = 0; p < beta.length; p++) {
                int chunk = strategy.order().chunkAt(j, p);
                for (int k = 0; k < parts; k++) {
                    for (int l = 0; l < parts; l++) {
                        w[chunk][k][l] += d[k][j] * beta[p][l];
                    }
                }
            }
        }
        return w;
    }

    private static double[] chunkWeights(Strategy strategy, StateVector x, int chunks) {
        double[][][] w = partWeights(strategy, x, chunks);
        double[] out = new double[chunks];
        for (int i = 0; i < chunks; i++) {
            out[i] = w[i][0][0];
        }
        return out;
    }

    private static int[] finishers(ChunkOrder order, int[] x, int chunk) {
        return java.util.stream.IntStream.range(0, x.length)
                .filter(j -> order.positionOf(j, chunk) >= 0 && order.positionOf(j, chunk) < x[j]).toArray();
    }

    private static DMatrixRMaj columns(EncodingMatrix r, int[] columns) {
        DMatrixRMaj m = new DMatrixRMaj(r.parts(), columns.length);
        for (int k = 0; k < r.parts(); k++) {
            for (int c = 0; c < columns.length; c++) {
                m.set(k, c, r.get(k, columns[c]));
            }
        }
        return m;
    }

    /** Whether 1 is in the row space of B over the finished workers: rank([B_F; 1]) = rank(B_F). */
    private static boolean spansOnes(double[][] b, boolean[] finished) {
        int m = b[0].length;
        int f = 0;
        for (boolean done : finished) {
            f += done ? 1 : 0;
        }
        DMatrixRMaj rows = new DMatrixRMaj(f, m);
        DMatrixRMaj withOnes = new DMatrixRMaj(f + 1, m);
        int k = 0;
        for (int j = 0; j < b.length; j++) {
            if (finished[j]) {
                for (int i = 0; i < m; i++) {
                    rows.set(k, i, b[j][i]);
                    withOnes.set(k, i, b[j][i]);
                }
                k++;
            }
        }
        for (int i = 0; i < m; i++) {
            withOnes.set(f, i, 1.0);
        }
        // Relative cut-offs, as a decoder must use: what spans 1 only through a direction of singular
        // value below 1e-9 of the largest cannot be decoded stably.
        int rank = f == 0 ? 0 : relativeRank(rows);
        return relativeRank(withOnes) == rank;
    }

    private static int relativeRank(DMatrixRMaj m) {
        double[] sigma = SingularOps_DDRM.singularValues(m);
        double largest = java.util.Arrays.stream(sigma).max().orElse(0);
        return (int) java.util.Arrays.stream(sigma).filter(s -> s > 1e-9 * largest).count();
    }

    private interface StateCheck {
        void check(int[] x);
    }

    /** Calls the check for every state vector 0 <= x_j <= load_j. */
    private static void forEveryState(Assignment a, StateCheck check) {
        int n = a.workers();
        int[] x = new int[n];
        while (true) {
            check.check(x.clone());
            int j = 0;
            while (j < n && x[j] == a.load(j)) {
                x[j] = 0;
                j++;
            }
            if (j == n) {
                return;
            }
            x[j]++;
        }
    }
}
