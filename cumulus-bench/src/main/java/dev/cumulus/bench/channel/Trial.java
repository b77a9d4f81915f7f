package dev.cumulus.bench.channel;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.collective.AllReduce;
import dev.cumulus.channel.collective.Collective;
import dev.cumulus.channel.collective.ScatterReduce;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * N workers (threads, each with its own connection) on a real server, able to run one collective
 * round or one raw round of the same traffic: both move {@code (3N-2)·V} bytes for a vector of V
 * bytes, the raw round as each worker putting and getting values of the collective's value size
 * (V for AllReduce, V/N for ScatterReduce), {@code ceil((3N-2)·V / (N·size))} transfers each,
 * rounded up to an even count, with no coding, summing or waiting.
 */
final class Trial implements AutoCloseable {
    private final BenchServer server;
    private final ExecutorService pool;
    private final List<Channel> channels = new ArrayList<>();
    private final List<Collective> members = new ArrayList<>();
    private final List<RawStore> raws = new ArrayList<>();
    private final float[][] vectors;
    private final byte[][] values;
    private final int transfersPerWorker;
    private final long collectiveBytes;
    private final long rawBytes;

    /**
     * Starts the server and connects the workers; {@code partFloats} is AllReduce's part size.
     * {@code channel} names the store, optionally with URI parameters for the collective's
     * channels (as in {@code redis?inFlight=2}); the raw loop takes the store alone.
     */
    Trial(String channel, String pattern, int workers, int megabytes, int partFloats) throws Exception {
        int query = channel.indexOf('?');
        String store = query < 0 ? channel : channel.substring(0, query);
        server = BenchServer.start(store);
        pool = Executors.newFixedThreadPool(workers);
        int floats = megabytes * 1024 * 1024 / 4;
        Random random = new Random(42);
        vectors = new float[workers][floats];
        for (float[] vector : vectors) {
            for (int i = 0; i < floats; i++) {
                vector[i] = random.nextFloat();
            }
        }
        String prefix = "bench/" + pattern + "/" + System.nanoTime();
        for (int rank = 0; rank < workers; rank++) {
            Channel ch = Channels.open(server.uri() + (query < 0 ? "" : channel.substring(query)));
            channels.add(ch);
            members.add(pattern.equals("allreduce")
                    ? new AllReduce(ch, prefix, rank, workers, Duration.ofMinutes(5), false, partFloats)
                    : new ScatterReduce(ch, prefix, rank, workers, Duration.ofMinutes(5)));
            raws.add(RawStore.open(store, server));
        }
        long vectorBytes = 4L * floats;
        long size = pattern.equals("allreduce") ? vectorBytes : vectorBytes / workers;
        collectiveBytes = (3L * workers - 2) * vectorBytes;
        int transfers = (int) ((collectiveBytes + workers * size - 1) / (workers * size));
        transfersPerWorker = transfers + transfers % 2;
        rawBytes = (long) workers * transfersPerWorker * size;
        values = new byte[workers][(int) size];
        for (byte[] value : values) {
            random.nextBytes(value);
        }
    }

    /** Bytes one collective round moves through the store. */
    long collectiveBytes() {
        return collectiveBytes;
    }

    /** CPU time the store's server process has used so far, or -1 if it runs in this JVM. */
    long serverCpuNanos() {
        return server.cpuNanos();
    }

    /** Bytes one raw round moves through the store. */
    long rawBytes() {
        return rawBytes;
    }

    /** One collective round; returns a value of the sums so the work cannot be skipped. */
    float collective(long round) throws Exception {
        List<Callable<float[]>> tasks = new ArrayList<>();
        for (int rank = 0; rank < members.size(); rank++) {
            Collective member = members.get(rank);
            float[] vector = vectors[rank];
            tasks.add(() -> member.sum(round, vector));
        }
        float check = 0;
        for (Future<float[]> f : pool.invokeAll(tasks)) {
            check += f.get()[0];
        }
        return check;
    }

    /** One raw round; returns the number of bytes read. */
    int raw() throws Exception {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int rank = 0; rank < raws.size(); rank++) {
            RawStore store = raws.get(rank);
            byte[] value = values[rank];
            String key = "raw/" + rank;
            tasks.add(() -> {
                int read = 0;
                for (int t = 0; t < transfersPerWorker / 2; t++) {
                    store.put(key, value);
                    read += store.get(key).length;
                }
                return read;
            });
        }
        int read = 0;
        for (Future<Integer> f : pool.invokeAll(tasks)) {
            read += f.get();
        }
        return read;
    }

    @Override
    public void close() throws Exception {
        pool.shutdownNow();
        for (Channel ch : channels) {
            ch.close();
        }
        for (RawStore raw : raws) {
            raw.close();
        }
        server.close();
    }
}
