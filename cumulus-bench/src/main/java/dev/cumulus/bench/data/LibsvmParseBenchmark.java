package dev.cumulus.bench.data;

import dev.cumulus.data.LabelledData;
import dev.cumulus.data.generate.Rcv1Like;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.libsvm.LibsvmOptions;
import dev.cumulus.data.libsvm.LibsvmReader;
import dev.cumulus.data.libsvm.LibsvmWriter;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * LIBSVM parsing speed on 20,000 RCV1-like rows (about 1.5 million index:value pairs) held in
 * memory, against the reference of only splitting the same bytes into lines.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@State(Scope.Benchmark)
public class LibsvmParseBenchmark {
    private byte[] text;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        StringWriter out = new StringWriter();
        LibsvmWriter.write(new Rcv1Like().generate(20_000, 1), LabelMap.signed(), out);
        text = out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public LabelledData parse() {
        return LibsvmReader.readLabelled(new ByteArrayInputStream(text), "bench", LibsvmOptions.defaults());
    }

    /** Reference: read the same bytes line by line without parsing them. */
    @Benchmark
    public long referenceSplitLines() throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(text),
                StandardCharsets.UTF_8), 1 << 16);
        long chars = 0;
        String line;
        while ((line = r.readLine()) != null) {
            chars += line.length();
        }
        return chars;
    }
}
