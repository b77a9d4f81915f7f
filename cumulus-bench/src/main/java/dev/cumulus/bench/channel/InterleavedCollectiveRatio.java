package dev.cumulus.bench.channel;

import dev.cumulus.channel.collective.AllReduce;
import java.util.Arrays;
import java.util.List;

/**
 * The collective-to-raw ratios of {@link CollectiveBenchmark}, measured by alternating one
 * collective round and the two raw rounds of {@link Trial} (pairs, and the collective's own mix of
 * puts and gets) on one server in one JVM, and taking the median of the per-round ratios. JMH runs
 * each benchmark method in a fork of its own, so the sides of a ratio ran minutes apart with
 * different servers and JIT states; on a 2-core machine their ratio moved by 20 points between
 * runs. Rounds measured milliseconds apart share the machine's state.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.cumulus.bench.channel.InterleavedCollectiveRatio
 * CHANNEL PATTERN WORKERS[,WORKERS...] MEGABYTES[,MEGABYTES...] [WARMUP] [PAIRS] [PART_FLOATS]}
 * (PART_FLOATS: the collectives' part size, default {@link AllReduce#DEFAULT_PART_FLOATS}); prints one
 * Markdown row per configuration: the medians in ms of the collective and of both raw rounds, the
 * collective's rate in MB/s, its median ratio to each raw round with the interquartile range, and
 * the CPU each side costs per round: this JVM's (the workers, the client's event loops, GC) and
 * the server process's.
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
        System.out.println("| channel | pattern | N | MB | collective ms | raw ms, mirrored / pairs | collective MB/s "
                + "| **ratio to mirrored** (IQR) | ratio to pairs (IQR) "
                + "| client CPU ms, collective / mirrored / pairs | server CPU ms, collective / mirrored / pairs |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String w : args[2].split(",")) {
            for (String mb : args[3].split(",")) {
                run(channel, pattern, Integer.parseInt(w), Integer.parseInt(mb), warmup, pairs, partFloats);
            }
        }
        System.exit(0);
    }

    /** One side of the comparison: a round to run and what it cost, round by round. */
    private static final class Side {
        final java.util.concurrent.Callable<?> round;
        final double[] ms;
        long clientCpu;
        long serverCpu;

        Side(java.util.concurrent.Callable<?> round, int pairs) {
            this.round = round;
            this.ms = new double[pairs];
        }

        void measure(Trial trial, int i) throws Exception {
            long c0 = JVM.getProcessCpuTime();
            long s0 = trial.serverCpuNanos();
            long t0 = System.nanoTime();
            round.call();
            long t1 = System.nanoTime();
            if (i >= 0) {
                clientCpu += JVM.getProcessCpuTime() - c0;
                serverCpu += trial.serverCpuNanos() - s0;
                ms[i] = (t1 - t0) / 1e6;
            }
        }
    }

    private static void run(String channel, String pattern, int workers, int megabytes, int warmup, int pairs,
                            int partFloats)
            throws Exception {
        try (Trial trial = new Trial(channel, pattern, workers, megabytes, partFloats)) {
            long[] round = {0};
            Side collective = new Side(() -> trial.collective(round[0]++), pairs);
            Side mirrored = new Side(trial::rawMirrored, pairs);
            Side pairwise = new Side(trial::raw, pairs);
            List<Side> sides = List.of(collective, mirrored, pairwise);
            for (int i = -warmup; i < pairs; i++) {
                for (Side side : sides) {
                    side.measure(trial, i);
                }
            }
            double total = trial.collectiveBytes();
            double[] toMirrored = ratios(total, collective, trial.mirroredBytes(), mirrored);
            double[] toPairs = ratios(total, collective, trial.rawBytes(), pairwise);
            boolean serverSeen = trial.serverCpuNanos() >= 0;
            double c = median(collective.ms);
            System.out.printf("| %s | %s | %d | %d | %.1f | %.1f / %.1f | %.0f | **%s** | %s | %s | %s |%n",
                    channel, pattern, workers, megabytes, c, median(mirrored.ms), median(pairwise.ms),
                    total / c / 1e3 / 1.048576, percent(toMirrored), percent(toPairs),
                    perRound(sides, s -> s.clientCpu, pairs),
                    serverSeen ? perRound(sides, s -> s.serverCpu, pairs) : "in this JVM");
        }
    }

    /** Per round, the collective's rate over the raw side's. */
    private static double[] ratios(double collectiveBytes, Side collective, double rawBytes, Side raw) {
        double[] r = new double[collective.ms.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (collectiveBytes / collective.ms[i]) / (rawBytes / raw.ms[i]);
        }
        return r;
    }

    private static String percent(double[] ratios) {
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return String.format("%.0f%% (%.0f-%.0f%%)", 100 * median(ratios), 100 * sorted[n / 4], 100 * sorted[3 * n / 4]);
    }

    private static String perRound(List<Side> sides, java.util.function.ToLongFunction<Side> cpu, int pairs) {
        return String.join(" / ", sides.stream().map(s -> String.format("%.1f", cpu.applyAsLong(s) / 1e6 / pairs)).toList());
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
