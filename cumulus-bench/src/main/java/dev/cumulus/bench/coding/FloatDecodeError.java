package dev.cumulus.bench.coding;

import dev.cumulus.coding.Assignment;
import dev.cumulus.coding.ChunkOrder;
import dev.cumulus.coding.EncodingMatrix;
import dev.cumulus.coding.PartialStragglerCode;
import dev.cumulus.coding.StateVector;
import dev.cumulus.coding.round.CodedRound;
import dev.cumulus.coding.round.PartialWork;
import dev.cumulus.coding.round.RoundConfig;
import dev.cumulus.coding.round.Strategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;

/**
 * How far the decoded gradient is from the full gradient when the gradients are float32, for the
 * Gaussian R and the well-conditioned {@link EncodingMatrix#forAssignment}, at N up to 500.
 *
 * <p>For every setting, {@code rounds} rounds: workers report chunks in a random interleaving into
 * an exact-mode {@link CodedRound} until it triggers; every worker encodes its float chunk
 * gradients (dimension 1,000, independent N(0,1) entries, so they partly cancel in the sum) from
 * the broadcast state, and the coordinator decodes. Two arithmetics: "library" is
 * {@link Strategy#encode} and {@link Strategy#decode} (double accumulation, float vectors on the
 * wire); "all-float" casts the coefficients to float and accumulates in float on both sides, as a
 * float SIMD kernel would. The error is ||decoded - g|| / ||g||, g summed in double from the same
 * float gradients; the table shows the worst over the rounds, and the worst condition number of
 * R[:, T] over every parts-subset T of one chunk's holders. The adversarial columns decode, with as
 * many fresh gradients, the state in which the chunk owning that worst subset is finished by
 * exactly that subset (random interleavings rarely meet it).
 *
 * <p>Run: {@code java -cp cumulus-bench/target/benchmarks.jar dev.cumulus.bench.coding.FloatDecodeError [rounds]}
 */
public final class FloatDecodeError {
    private static final int DIMENSION = 1000;

    private FloatDecodeError() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        System.out.printf(Locale.ROOT, "| assignment | N | load | parts | R | worst cond | library | all-float"
                + " | adversarial library | adversarial all-float |%n");
        System.out.printf(Locale.ROOT, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |%n");
        for (String kind : new String[] {"cyclic", "random-regular"}) {
            for (int n : new int[] {20, 100, 500}) {
                for (int load : new int[] {4, 6}) {
                    for (int parts = 2; parts < load; parts++) {
                        Assignment a = kind.equals("cyclic") ? Assignment.cyclic(n, load)
                                : Assignment.randomRegular(n, load, 5L);
                        ChunkOrder order = ChunkOrder.natural(a);
                        report(kind, n, load, parts, "gaussian", order, EncodingMatrix.gaussian(parts, n, 31L + parts),
                                rounds);
                        report(kind, n, load, parts, "harmonic", order, EncodingMatrix.forAssignment(a, parts), rounds);
                    }
                }
            }
        }
    }

    private static void report(String kind, int n, int load, int parts, String name, ChunkOrder order,
                               EncodingMatrix r, int rounds) {
        Strategy strategy = new PartialWork(new PartialStragglerCode(order, r));
        Random random = new Random(17L * n + 31L * load + parts);
        double library = 0;
        double allFloat = 0;
        for (int round = 0; round < rounds; round++) {
            StateVector x = trigger(strategy, random);
            float[][] g = gradients(order.assignment().chunks(), random);
            library = Math.max(library, relativeError(decodeLibrary(strategy, x, g), g));
            allFloat = Math.max(allFloat, relativeError(decodeAllFloat(strategy, x, g), g));
        }
        StateVector worst = adversarial(strategy, r);
        double worstLibrary = 0;
        double worstAllFloat = 0;
        for (int round = 0; round < rounds; round++) {
            float[][] g = gradients(order.assignment().chunks(), random);
            worstLibrary = Math.max(worstLibrary, relativeError(decodeLibrary(strategy, worst, g), g));
            worstAllFloat = Math.max(worstAllFloat, relativeError(decodeAllFloat(strategy, worst, g), g));
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %s | %.3g | %.2e | %.2e | %.2e | %.2e |%n", kind, n, load,
                parts, name, r.worstHolderConditionNumber(order.assignment()), library, allFloat, worstLibrary,
                worstAllFloat);
    }

    /**
     * An exact-mode state in which the chunk with the worst-conditioned parts-subset T of its
     * holders is finished by exactly T: the other holders of that chunk stop just before it, every
     * other worker finishes everything. Every other chunk keeps at least parts finishers.
     */
    static StateVector adversarial(Strategy strategy, EncodingMatrix r) {
        Assignment a = strategy.assignment();
        int parts = strategy.parts();
        double worst = 0;
        int worstChunk = 0;
        int[] worstSet = null;
        for (int i = 0; i < a.chunks(); i++) {
            int[] holders = a.workersOf(i);
            for (int[] set : subsets(holders, parts)) {
                double c = condition(r, set);
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
        return StateVector.of(x);
    }

    private static List<int[]> subsets(int[] from, int size) {
        List<int[]> out = new ArrayList<>();
        int[] pick = new int[size];
        collect(from, pick, 0, 0, out);
        return out;
    }

    private static void collect(int[] from, int[] pick, int filled, int start, List<int[]> out) {
        if (filled == pick.length) {
            out.add(pick.clone());
            return;
        }
        for (int h = start; h <= from.length - (pick.length - filled); h++) {
            pick[filled] = from[h];
            collect(from, pick, filled + 1, h + 1, out);
        }
    }

    private static double condition(EncodingMatrix r, int[] columns) {
        DMatrixRMaj m = new DMatrixRMaj(r.parts(), columns.length);
        for (int k = 0; k < r.parts(); k++) {
            for (int c = 0; c < columns.length; c++) {
                m.set(k, c, r.get(k, columns[c]));
            }
        }
        double[] s = SingularOps_DDRM.singularValues(m);
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        return max / min;
    }

    /** Reports chunks in a random interleaving until the exact round triggers; returns its state. */
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

    static float[][] gradients(int chunks, Random random) {
        float[][] g = new float[chunks][DIMENSION];
        for (float[] row : g) {
            for (int t = 0; t < DIMENSION; t++) {
                row[t] = (float) random.nextGaussian();
            }
        }
        return g;
    }

    static float[] decodeLibrary(Strategy strategy, StateVector x, float[][] g) {
        int n = strategy.assignment().workers();
        float[][] encoded = new float[n][];
        for (int j = 0; j < n; j++) {
            if (x.finished(j) > 0) {
                encoded[j] = strategy.encode(x, j, mine(strategy, x, j, g));
            }
        }
        return strategy.decode(x, encoded, DIMENSION);
    }

    static float[] decodeAllFloat(Strategy strategy, StateVector x, float[][] g) {
        int n = strategy.assignment().workers();
        int parts = strategy.parts();
        int length = strategy.encodedLength(DIMENSION);
        double[][] d = strategy.decoding(x);
        float[] out = new float[DIMENSION];
        for (int j = 0; j < n; j++) {
            double[][] beta = strategy.coefficients(x, j);
            if (beta.length == 0) {
                continue;
            }
            float[][] mine = mine(strategy, x, j, g);
            float[] y = new float[length];
            for (int p = 0; p < beta.length; p++) {
                for (int k = 0; k < parts; k++) {
                    float b = (float) beta[p][k];
                    int base = k * length;
                    int end = Math.min(length, DIMENSION - base);
                    for (int t = 0; t < end; t++) {
                        y[t] += b * mine[p][base + t];
                    }
                }
            }
            for (int k = 0; k < parts; k++) {
                float rk = (float) d[k][j];
                int base = k * length;
                int end = Math.min(length, DIMENSION - base);
                for (int t = 0; t < end; t++) {
                    out[base + t] += rk * y[t];
                }
            }
        }
        return out;
    }

    private static float[][] mine(Strategy strategy, StateVector x, int worker, float[][] g) {
        float[][] mine = new float[x.finished(worker)][];
        for (int p = 0; p < mine.length; p++) {
            mine[p] = g[strategy.order().chunkAt(worker, p)];
        }
        return mine;
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
