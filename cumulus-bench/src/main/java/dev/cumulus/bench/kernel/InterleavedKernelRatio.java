package dev.cumulus.bench.kernel;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.model.LogisticRegression;
import dev.cumulus.model.Model;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The dense gradient-to-read ratio of {@link KernelBenchmark}, measured by alternating one
 * gradient pass and one read pass over the same chunk and taking the median of the per-pair
 * ratios. On a machine shared with other jobs, load drifts between JMH's sequential benchmark
 * runs; pairs measured milliseconds apart see the same load, so their ratio is steadier, and
 * both passes are timed in thread CPU time, so time spent descheduled is not counted.
 * Usage: java [--add-modules jdk.incubator.vector] -cp benchmarks.jar
 * dev.cumulus.bench.kernel.InterleavedKernelRatio [rows] [pairs]; with the module the gradient runs on
 * the Vector API kernels, without it on the scalar ones.
 */
public final class InterleavedKernelRatio {

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int cols = 28;
        SplittableRandom random = new SplittableRandom(1);
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(2);
        }
        Dataset data = new Dataset(new DenseFeatures(rows, cols, values), labels, 2);
        Model model = new LogisticRegression(cols, 1e-4);
        float[] parameters = KernelBenchmark.gaussian(random, model.parameterCount(), 0.1);
        float[] gradient = new float[model.parameterCount()];
        int[] all = KernelBenchmark.sequence(rows);
        double bytes = data.features().bytes();
        double sink = 0;
        double[] ratios = new double[pairs];
        double[] gradientGbps = new double[pairs];
        double[] readGbps = new double[pairs];
        for (int warm = 0; warm < 20; warm++) {
            sink += model.lossAndGradient(parameters, data, all, gradient) + KernelBenchmark.sum(values);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int p = 0; p < pairs; p++) {
            // Thread CPU time rather than wall time: time spent descheduled by other jobs is not counted.
            long t0 = threads.getCurrentThreadCpuTime();
            sink += model.lossAndGradient(parameters, data, all, gradient);
            long t1 = threads.getCurrentThreadCpuTime();
            sink += KernelBenchmark.sum(values);
            long t2 = threads.getCurrentThreadCpuTime();
            gradientGbps[p] = bytes / (t1 - t0);
            readGbps[p] = bytes / (t2 - t1);
            ratios[p] = gradientGbps[p] / readGbps[p];
        }
        boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        System.out.printf("jdk.incubator.vector %s; ", vectorModule ? "present" : "absent");
        System.out.printf("rows=%d pairs=%d median gradient %.2f GB/s, median read %.2f GB/s (per CPU-second), median ratio %.3f "
                + "(min %.3f, max %.3f) [sink %s]%n", rows, pairs, median(gradientGbps), median(readGbps), median(ratios),
                Arrays.stream(ratios).min().orElse(0), Arrays.stream(ratios).max().orElse(0), sink);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
