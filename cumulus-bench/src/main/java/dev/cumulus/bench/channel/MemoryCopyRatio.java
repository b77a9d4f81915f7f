package dev.cumulus.bench.channel;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.collective.AllReduce;
import dev.cumulus.channel.memory.MemoryChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The memory channel's AllReduce round with its float paths (one copy each way) against the same
 * store seen through only the byte-array methods (the interface's defaults: encode, then the store's
 * copy; the store's copy, then decode), the way every float went before. Blocks of rounds alternate
 * between the two in one JVM, and the median of the per-block ratios is printed with the medians of
 * the rounds' times.
 *
 * <p>Usage: {@code MemoryCopyRatio WORKERS FLOATS [BLOCKS] [ROUNDS_PER_BLOCK]}.
 */
public final class MemoryCopyRatio {
    private MemoryCopyRatio() {
    }

    public static void main(String[] args) throws Exception {
        int workers = Integer.parseInt(args[0]);
        int floats = Integer.parseInt(args[1]);
        int blocks = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try (MemoryChannel fast = new MemoryChannel(); MemoryChannel store = new MemoryChannel()) {
            Channel copying = new BytesOnly(store);
            double[] fastMs = new double[blocks];
            double[] copyingMs = new double[blocks];
            double[] ratio = new double[blocks];
            long round = 0;
            for (int warm = 0; warm < 3; warm++) {
                block(pool, fast, "f", workers, floats, round, rounds);
                block(pool, copying, "c", workers, floats, round, rounds);
                round += rounds;
            }
            for (int b = 0; b < blocks; b++) {
                fastMs[b] = block(pool, fast, "f", workers, floats, round, rounds);
                copyingMs[b] = block(pool, copying, "c", workers, floats, round, rounds);
                ratio[b] = fastMs[b] / copyingMs[b];
                round += rounds;
            }
            System.out.println(String.format(Locale.ROOT, "| %d | %d | %.3f | %.3f | %.2f |", workers, floats,
                    median(fastMs), median(copyingMs), median(ratio)));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Milliseconds per round of {@code rounds} AllReduce rounds by {@code workers} threads. */
    private static double block(ExecutorService pool, Channel channel, String prefix, int workers, int floats,
                                long firstRound, int rounds) throws Exception {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < workers; w++) {
            int rank = w;
            all.add(CompletableFuture.runAsync(() -> {
                AllReduce reduce = new AllReduce(channel, prefix + firstRound, rank, workers, Duration.ofMinutes(1));
                float[] vector = new float[floats];
                float[] sum = new float[floats];
                Arrays.fill(vector, rank);
                for (long r = firstRound; r < firstRound + rounds; r++) {
                    reduce.sum(r, vector, sum);
                }
            }, pool));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
        return (System.nanoTime() - start) / 1e6 / rounds;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** A store seen through its byte-array methods only: the interface's default float paths. */
    private record BytesOnly(Channel store) implements Channel {
        @Override public void put(String key, byte[] value) { store.put(key, value); }
        @Override public void put(String key, byte[] value, Duration ttl) { store.put(key, value, ttl); }
        @Override public boolean putIfAbsent(String key, byte[] value) { return store.putIfAbsent(key, value); }
        @Override public Optional<byte[]> get(String key) { return store.get(key); }
        @Override public byte[] await(String key, Duration timeout) { return store.await(key, timeout); }
        @Override public void delete(String key) { store.delete(key); }
        @Override public List<String> list(String prefix) { return store.list(prefix); }
        @Override public long increment(String key, long delta) { return store.increment(key, delta); }
        @Override public String describe() { return "bytes-only " + store.describe(); }
        @Override public void close() { }
    }
}
