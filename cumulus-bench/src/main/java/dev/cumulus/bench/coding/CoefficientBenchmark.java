package dev.cumulus.bench.coding;

import dev.cumulus.coding.Assignment;
import dev.cumulus.coding.ChunkOrder;
import dev.cumulus.coding.CoverageTracker;
import dev.cumulus.coding.PartialStragglerCode;
import dev.cumulus.coding.StateVector;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one worker's encoding coefficients from the broadcast state vector at N = 1,000
 * (coverage from the state plus one pseudo-inverse per finished chunk), against the reference of
 * encoding that worker's gradients of dimension 100,000.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CoefficientBenchmark {

    @Param({"1000"})
    int workers;

    @Param({"6"})
    int load;

    @Param({"1", "3"})
    int parts;

    @Param({"100000"})
    int dimension;

    private PartialStragglerCode code;
    private StateVector state;
    private int worker;
    private float[][] gradients;

    @Setup
    public void setUp() {
        ChunkOrder order = ChunkOrder.natural(Assignment.cyclic(workers, load));
        code = PartialStragglerCode.of(order, parts, 11L);
        Random random = new Random(3);
        CoverageTracker tracker = new CoverageTracker(order, parts);
        while (!tracker.complete()) {
            int j = random.nextInt(workers);
            if (tracker.finished(j) < load) {
                tracker.recordNextChunk(j);
            }
        }
        state = tracker.state();
        // The worker with the most finished chunks: the most coefficients to derive.
        for (int j = 0; j < workers; j++) {
            if (state.finished(j) > state.finished(worker)) {
                worker = j;
            }
        }
        gradients = new float[state.finished(worker)][dimension];
        for (float[] g : gradients) {
            for (int t = 0; t < dimension; t++) {
                g[t] = (float) random.nextGaussian();
            }
        }
    }

    /** One worker's coefficients from the state vector. */
    @Benchmark
    public double[][] coefficients() {
        return code.coefficients(worker, state);
    }

    /** Reference: that worker's whole encode (coefficients plus the weighted sum over the gradients). */
    @Benchmark
    public float[] encode() {
        return code.encode(worker, state, gradients);
    }
}
