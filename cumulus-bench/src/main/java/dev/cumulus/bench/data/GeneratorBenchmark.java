package dev.cumulus.bench.data;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.generate.HiggsLike;
import dev.cumulus.data.generate.Rcv1Like;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Generator throughput: one million HIGGS-like rows (28 floats each) and 100,000 RCV1-like rows,
 * against the reference cost of drawing the same number of Gaussians into a float array on one
 * thread (the floor for any Gaussian-based generator without parallelism).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
@State(Scope.Benchmark)
public class GeneratorBenchmark {
    private static final int HIGGS_ROWS = 1_000_000;
    private static final int RCV1_ROWS = 100_000;
    private long seed;

    @Benchmark
    public Dataset higgsLikeMillionRows() {
        return new HiggsLike().generate(HIGGS_ROWS, ++seed);
    }

    @Benchmark
    public Dataset rcv1LikeHundredThousandRows() {
        return new Rcv1Like().generate(RCV1_ROWS, ++seed);
    }

    /** Reference: 28 million Gaussians into a float array, single-threaded. */
    @Benchmark
    public float[] referenceGaussianFillOneThread() {
        SplittableRandom random = new SplittableRandom(++seed);
        float[] x = new float[HIGGS_ROWS * HiggsLike.FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }
}
