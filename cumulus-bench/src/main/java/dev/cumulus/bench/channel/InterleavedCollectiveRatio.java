package dev.cumulus.bench.channel;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.collective.AllReduce;
import dev.cumulus.channel.collective.Collective;
import dev.cumulus.channel.collective.ScatterReduce;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
 * with its interquartile range).
 */
public final class InterleavedCollectiveRatio {

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
                + "| ratio (median of pairs) | ratio IQR |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---|");
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
        try (BenchServer server = BenchServer.start(channel)) {
            ExecutorService pool = Executors.newFixedThreadPool(workers);
            List<Channel> channels = new ArrayList<>();
            List<Collective> members = new ArrayList<>();
            List<RawStore> raws = new ArrayList<>();
            int floats = megabytes * 1024 * 1024 / 4;
            Random random = new Random(42);
            float[][] vectors = new float[workers][floats];
            for (float[] vector : vectors) {
                for (int i = 0; i < floats; i++) {
                    vector[i] = random.nextFloat();
                }
            }
            String prefix = "interleaved/" + pattern + "/" + System.nanoTime();
            for (int rank = 0; rank < workers; rank++) {
                Channel ch = Channels.open(server.uri());
                channels.add(ch);
                members.add(pattern.equals("allreduce")
                        ? new AllReduce(ch, prefix, rank, workers, Duration.ofMinutes(5), false, partFloats)
                        : new ScatterReduce(ch, prefix, rank, workers, Duration.ofMinutes(5)));
                raws.add(RawStore.open(channel, server));
            }
            long vectorBytes = 4L * floats;
            long size = pattern.equals("allreduce") ? vectorBytes : vectorBytes / workers;
            long total = (3L * workers - 2) * vectorBytes;
            int transfers = (int) ((total + workers * size - 1) / (workers * size));
            transfers += transfers % 2;
            byte[][] values = new byte[workers][(int) size];
            for (byte[] value : values) {
                random.nextBytes(value);
            }
            double rawBytes = (double) workers * transfers * size;
            double[] collectiveMs = new double[pairs];
            double[] rawMs = new double[pairs];
            double[] ratios = new double[pairs];
            long round = 0;
            for (int i = -warmup; i < pairs; i++) {
                long r = round++;
                long t0 = System.nanoTime();
                List<Callable<Object>> tasks = new ArrayList<>();
                for (int rank = 0; rank < workers; rank++) {
                    Collective member = members.get(rank);
                    float[] vector = vectors[rank];
                    tasks.add(() -> member.sum(r, vector));
                }
                all(pool, tasks);
                long t1 = System.nanoTime();
                tasks.clear();
                int half = transfers / 2;
                for (int rank = 0; rank < workers; rank++) {
                    RawStore store = raws.get(rank);
                    byte[] value = values[rank];
                    String key = "raw/" + rank;
                    tasks.add(() -> {
                        for (int t = 0; t < half; t++) {
                            store.put(key, value);
                            store.get(key);
                        }
                        return null;
                    });
                }
                all(pool, tasks);
                long t2 = System.nanoTime();
                if (i >= 0) {
                    collectiveMs[i] = (t1 - t0) / 1e6;
                    rawMs[i] = (t2 - t1) / 1e6;
                    ratios[i] = (total / collectiveMs[i]) / (rawBytes / rawMs[i]);
                }
            }
            pool.shutdownNow();
            for (Channel ch : channels) {
                ch.close();
            }
            for (RawStore raw : raws) {
                raw.close();
            }
            double c = median(collectiveMs);
            double w = median(rawMs);
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            System.out.printf("| %s | %s | %d | %d | %.1f | %.1f | %.0f | %.0f | **%.0f%%** | %.0f-%.0f%% |%n",
                    channel, pattern, workers, megabytes, c, w, total / c / 1e3 / 1.048576, rawBytes / w / 1e3 / 1.048576,
                    100 * median(ratios), 100 * sorted[pairs / 4], 100 * sorted[3 * pairs / 4]);
        }
    }

    private static void all(ExecutorService pool, List<Callable<Object>> tasks) throws Exception {
        for (Future<Object> f : pool.invokeAll(tasks)) {
            f.get();
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
