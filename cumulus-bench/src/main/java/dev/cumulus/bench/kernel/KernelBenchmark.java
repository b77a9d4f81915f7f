package dev.cumulus.bench.kernel;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.SparseFeatures;
import dev.cumulus.model.LogisticRegression;
import dev.cumulus.model.Model;
import org.openjdk.jmh.annotations.AuxCounters;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of the logistic-regression gradient pass over a whole chunk, in bytes of feature
 * data per second (the {@code bytes} secondary result), beside a plain sequential read of the same
 * arrays measured in the same run: dense HIGGS-like data (28 float features per row) and sparse
 * RCV1-like data (47,236 columns, about 75 non-zeros per row, rows of unit norm).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "--add-modules", "jdk.incubator.vector"})
public class KernelBenchmark {

    /** A HIGGS-like chunk: the kernel's cost does not depend on the values, only on the shape. */
    @State(Scope.Benchmark)
    public static class DenseChunk {
        @Param({"1000000"})
        public int rows;
        final int cols = 28;
        DenseFeatures features;
        Dataset data;
        int[] allRows;
        Model model;
        float[] parameters;
        float[] gradient;

        @Setup(Level.Trial)
        public void build() {
            SplittableRandom random = new SplittableRandom(1);
            float[] values = new float[rows * cols];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian();
            }
            int[] labels = new int[rows];
            for (int r = 0; r < rows; r++) {
                labels[r] = random.nextInt(2);
            }
            features = new DenseFeatures(rows, cols, values);
            data = new Dataset(features, labels, 2);
            allRows = sequence(rows);
            model = new LogisticRegression(cols, 1e-4);
            parameters = gaussian(random, model.parameterCount(), 0.1);
            gradient = new float[model.parameterCount()];
        }
    }

    /** An RCV1-like chunk in CSR form. */
    @State(Scope.Benchmark)
    public static class SparseChunk {
        @Param({"200000"})
        public int sparseRows;
        final int cols = 47_236;
        final int meanNonZeros = 75;
        SparseFeatures features;
        Dataset data;
        int[] allRows;
        Model model;
        float[] parameters;
        float[] gradient;

        @Setup(Level.Trial)
        public void build() {
            SplittableRandom random = new SplittableRandom(2);
            int[] start = new int[sparseRows + 1];
            for (int r = 0; r < sparseRows; r++) {
                start[r + 1] = start[r] + meanNonZeros / 2 + random.nextInt(meanNonZeros + 1);
            }
            int[] indices = new int[start[sparseRows]];
            float[] values = new float[indices.length];
            boolean[] used = new boolean[cols];
            for (int r = 0; r < sparseRows; r++) {
                int n = start[r + 1] - start[r];
                int[] picked = new int[n];
                for (int i = 0; i < n; i++) {
                    int c;
                    do {
                        c = random.nextInt(cols);
                    } while (used[c]);
                    used[c] = true;
                    picked[i] = c;
                }
                java.util.Arrays.sort(picked);
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    used[picked[i]] = false;
                    indices[start[r] + i] = picked[i];
                    values[start[r] + i] = (float) random.nextDouble();
                    norm += values[start[r] + i] * values[start[r] + i];
                }
                for (int i = 0; i < n; i++) {
                    values[start[r] + i] /= (float) Math.sqrt(norm);
                }
            }
            int[] labels = new int[sparseRows];
            for (int r = 0; r < sparseRows; r++) {
                labels[r] = random.nextInt(2);
            }
            features = new SparseFeatures(sparseRows, cols, start, indices, values);
            data = new Dataset(features, labels, 2);
            allRows = sequence(sparseRows);
            model = new LogisticRegression(cols, 1e-4);
            parameters = gaussian(random, model.parameterCount(), 0.1);
            gradient = new float[model.parameterCount()];
        }
    }

    /** Bytes of feature data read, reported by JMH as a rate beside the operations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Benchmark
    public double denseGradient(DenseChunk chunk, Bytes counter) {
        counter.bytes += chunk.features.bytes();
        return chunk.model.lossAndGradient(chunk.parameters, chunk.data, chunk.allRows, chunk.gradient);
    }

    /** The reference: summing the same float array with independent accumulators, bandwidth-bound. */
    @Benchmark
    public float denseSequentialRead(DenseChunk chunk, Bytes counter) {
        counter.bytes += chunk.features.bytes();
        return sum(chunk.features.values());
    }

    @Benchmark
    public double sparseGradient(SparseChunk chunk, Bytes counter) {
        counter.bytes += chunk.features.bytes();
        return chunk.model.lossAndGradient(chunk.parameters, chunk.data, chunk.allRows, chunk.gradient);
    }

    /** The sparse reference: one sequential pass over the value and index arrays. */
    @Benchmark
    public float sparseSequentialRead(SparseChunk chunk, Bytes counter) {
        counter.bytes += chunk.features.bytes();
        return sum(chunk.features.values()) + sum(chunk.features.indices());
    }

    static float sum(float[] v) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        int i = 0;
        for (; i + 7 < v.length; i += 8) {
            s0 += v[i];
            s1 += v[i + 1];
            s2 += v[i + 2];
            s3 += v[i + 3];
            s4 += v[i + 4];
            s5 += v[i + 5];
            s6 += v[i + 6];
            s7 += v[i + 7];
        }
        for (; i < v.length; i++) {
            s0 += v[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    static float sum(int[] v) {
        int s = 0;
        for (int x : v) {
            s += x;
        }
        return s;
    }

    static int[] sequence(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    static float[] gaussian(SplittableRandom random, int n, double std) {
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
            p[i] = (float) (random.nextGaussian() * std);
        }
        return p;
    }
}
