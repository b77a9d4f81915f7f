package dev.cumulus.bench.data;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.chunk.ChunkCodec;
import dev.cumulus.data.chunk.DataFingerprint;
import dev.cumulus.data.generate.HiggsLike;
import dev.cumulus.data.generate.Rcv1Like;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Chunk encode/decode speed on a dense chunk (100,000 HIGGS-like rows, 11.6 MB) and a sparse one
 * (20,000 RCV1-like rows, 12 MB), against the reference of copying the encoded bytes
 * ({@code byte[].clone()}, i.e. memcpy of the same size).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@State(Scope.Benchmark)
public class ChunkCodecBenchmark {
    @Param({"dense", "sparse"})
    public String layout;

    private Dataset data;
    private byte[] encoded;

    @Setup(Level.Trial)
    public void setUp() {
        data = layout.equals("dense") ? new HiggsLike().generate(100_000, 1) : new Rcv1Like().generate(20_000, 1);
        encoded = ChunkCodec.encode(data);
    }

    @Benchmark
    public byte[] encode() {
        return ChunkCodec.encode(data);
    }

    @Benchmark
    public Dataset decode() {
        return ChunkCodec.decode(encoded);
    }

    @Benchmark
    public String fingerprint() {
        return DataFingerprint.of(data);
    }

    /** Reference: copy the encoded bytes once. */
    @Benchmark
    public byte[] referenceCopyBytes() {
        return encoded.clone();
    }
}
