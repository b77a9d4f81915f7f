package dev.cumulus.bench.channel;

import dev.cumulus.channel.collective.AllReduce;
import java.util.Arrays;

/**
 * The collective-to-raw ratio of {@link CollectiveBenchmark}, measured by alternating one
 * collective round and one raw round (the same traffic as {@link CollectiveBenchmark#raw}) on
 * one server in one JVM, and taking the median of the per-pair ratios. JMH runs each benchmark
 * method in a fork of its own, so the two sides of a ratio ran minutes apart with different
 * servers and JIT states; on a 2-core machine their ratio moved by 20 points between runs. Pairs
 * measured milliseconds apart share the machine's state.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.cumulus.bench.channel.InterleavedCollectiveRatio
 * CHANNEL PATTERN WORKERS[,WORKERS...] MEGABYTES[,MEGABYTES...] [WARMUP] [PAIRS] [PART_FLOATS]}
 * (PART_FLOATS: AllReduce's part size, default {@link AllReduce#DEFAULT_PART_FLOATS}); prints one
 * Markdown row per configuration (collective and raw medians in ms, rates in MB/s, median ratio
 * with its interquartile range), and the CPU each side of a pair costs per round: this JVM's
 * (the workers, the client's event loops, GC) and the server process's.
 */
public final class InterleavedCollectiveRatio {
    private static final com.sun.management.OperatingSystemMXBean JVM =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: InterleavedCollectiveRatio CHANNEL allreduce|scatter WORKERS[,..] MEGABYTES[,..] [WARMUP] [PAIRS]");
            System.exit(2);
        }
        String channel = args[0];
        String pattern = args[1];
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        int pairs = args.length > 5 ? Integer.parseInt(args[5]) : 40;
        int partFloats = args.length > 6 ? Integer.parseInt(args[6]) : AllReduce.DEFAULT_PART_FLOATS;
        System.out.println("| channel | pattern | N | MB | collective ms | raw ms | collective MB/s | raw MB/s "
                + "| ratio (median of pairs) | ratio IQR | client CPU ms, collective / raw | server CPU ms, collective / raw |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
        for (String w : args[2].split(",")) {
            for (String mb : args[3].split(",")) {
                run(channel, pattern, Integer.parseInt(w), Integer.parseInt(mb), warmup, pairs, partFloats);
            }
        }
        System.exit(0);
    }

    private static void run(String channel, String pattern, int workers, int megabytes, int warmup, int pairs,
                            int partFloats)
            throws Exception {
        try (Trial trial = new Trial(channel, pattern, workers, megabytes, partFloats)) {
            double[] collectiveMs = new double[pairs];
            double[] rawMs = new double[pairs];
            double[] ratios = new double[pairs];
            double total = trial.collectiveBytes();
            double rawBytes = trial.rawBytes();
            long[] clientCpu = new long[2];
            long[] serverCpu = new long[2];
            for (int i = -warmup; i < pairs; i++) {
                long c0 = JVM.getProcessCpuTime();
                long s0 = trial.serverCpuNanos();
                long t0 = System.nanoTime();
                trial.collective(i + warmup);
                long t1 = System.nanoTime();
                long c1 = JVM.getProcessCpuTime();
                long s1 = trial.serverCpuNanos();
                trial.raw();
                long t2 = System.nanoTime();
                long c2 = JVM.getProcessCpuTime();
                long s2 = trial.serverCpuNanos();
                if (i >= 0) {
                    clientCpu[0] += c1 - c0;
                    clientCpu[1] += c2 - c1;
                    serverCpu[0] += s1 - s0;
                    serverCpu[1] += s2 - s1;
                    collectiveMs[i] = (t1 - t0) / 1e6;
                    rawMs[i] = (t2 - t1) / 1e6;
                    ratios[i] = (total / collectiveMs[i]) / (rawBytes / rawMs[i]);
                }
            }
            double c = median(collectiveMs);
            double w = median(rawMs);
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            boolean serverSeen = trial.serverCpuNanos() >= 0;
            System.out.printf("| %s | %s | %d | %d | %.1f | %.1f | %.0f | %.0f | **%.0f%%** | %.0f-%.0f%% | %s | %s |%n",
                    channel, pattern, workers, megabytes, c, w, total / c / 1e3 / 1.048576, rawBytes / w / 1e3 / 1.048576,
                    100 * median(ratios), 100 * sorted[pairs / 4], 100 * sorted[3 * pairs / 4],
                    perRound(clientCpu, pairs), serverSeen ? perRound(serverCpu, pairs) : "in this JVM");
        }
    }

    private static String perRound(long[] nanos, int pairs) {
        return String.format("%.1f / %.1f", nanos[0] / 1e6 / pairs, nanos[1] / 1e6 / pairs);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
