package dev.cumulus.bench.coding;

import dev.cumulus.sim.gc.GcScenario;
import dev.cumulus.sim.gc.GcScenario.AssignmentKind;
import dev.cumulus.sim.gc.GcScenario.OrderKind;
import dev.cumulus.sim.gc.GcSimulator;
import dev.cumulus.sim.gc.TrialResult;
import dev.cumulus.sim.straggler.ChunkTimeDistribution;
import dev.cumulus.sim.straggler.StragglerModel;
import java.util.SplittableRandom;
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
 * Single-thread throughput of the gradient-coding simulator: one {@link GcSimulator#trial} per
 * operation (all four schemes, six deadlines), against the reference of only sampling the delays.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GcSimulationBenchmark {

    @Param({"20", "100", "1000"})
    int workers;

    @Param({"4"})
    int load;

    @Param({"1", "2"})
    int parts;

    private GcSimulator simulator;
    private StragglerModel model;
    private int[] loads;
    private int trial;
    private SplittableRandom random;

    @Setup
    public void setUp() {
        model = StragglerModel.of(ChunkTimeDistribution.parse("exp:1"));
        GcScenario scenario = new GcScenario(workers, workers, load, parts, AssignmentKind.CYCLIC, OrderKind.NATURAL,
                model, new double[] {1, 2, 3, 4, 5, 6}, 1, 1L);
        simulator = new GcSimulator(scenario);
        loads = new int[workers];
        java.util.Arrays.fill(loads, load);
        random = new SplittableRandom(7);
    }

    /** One simulated round. */
    @Benchmark
    public TrialResult trial() {
        return simulator.trial(trial++);
    }

    /** Reference: drawing the round's worker factors and chunk times, nothing else. */
    @Benchmark
    public double[][] sampleDelaysOnly() {
        return model.chunkTimes(loads, model.workerFactors(workers, random), random);
    }
}
