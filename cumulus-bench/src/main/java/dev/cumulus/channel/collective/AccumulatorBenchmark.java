package dev.cumulus.channel.collective;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A summing worker's arithmetic: one 512 KB part (the collectives' default) summed over
 * {@code workers} ranks by {@link Accumulator}, with the Vector API loop and with the scalar one
 * (the reference, in the same run). It lives in the collectives' package because the accumulator
 * is theirs alone.
 *
 * <pre>java -jar cumulus-bench/target/benchmarks.jar AccumulatorBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class AccumulatorBenchmark {
    @Param({"2", "4", "16"})
    public int workers;

    @Param({"true", "false"})
    public boolean vectorized;

    private float[] own;
    private float[][] others;
    private float[] target;

    @Setup
    public void fill() {
        int length = AllReduce.DEFAULT_PART_FLOATS;
        SplittableRandom random = new SplittableRandom(workers);
        own = new float[length];
        others = new float[workers - 1][length];
        target = new float[length];
        for (int i = 0; i < length; i++) {
            own[i] = (float) random.nextGaussian();
            for (float[] other : others) {
                other[i] = (float) random.nextGaussian();
            }
        }
    }

    @Benchmark
    public float[] sum() {
        Accumulator.sum(own, 0, 0, others, target, 0, own.length, vectorized && Accumulator.VECTORIZED);
        return target;
    }
}
