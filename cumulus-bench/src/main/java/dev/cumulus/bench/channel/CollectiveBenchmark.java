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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One round of AllReduce or ScatterReduce among N worker threads, each with its own connection,
 * over a real store started for the trial; and, in the same run, the store's raw throughput for
 * the same traffic through its own client.
 *
 * <p>Both collectives move {@code (3N-2)·V} bytes through the store per round for a vector of V
 * bytes: AllReduce in values of V, ScatterReduce in shards of V/N. {@link #raw} has each of the N
 * threads put and get values of that same size, {@code ceil((3N-2)·V / (N·size))} transfers each
 * (rounded up to an even count), with no coding, summing or waiting, so the ratio of the two
 * rates says how much of the store's throughput a collective achieves. {@code docs/bench/channels.md}
 * has the command and the results; {@code cumulus-bench/scripts/channel_report.py} turns JMH's JSON
 * into that table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g"})
public class CollectiveBenchmark {

    @Param({"memory", "redis", "memcached", "s3", "dynamodb"})
    public String channel;

    @Param({"allreduce", "scatter"})
    public String pattern;

    @Param({"2", "4", "8", "16"})
    public int workers;

    @Param({"1", "10", "40"})
    public int megabytes;

    private BenchServer server;
    private ExecutorService pool;
    private final List<Channel> channels = new ArrayList<>();
    private final List<Collective> members = new ArrayList<>();
    private final List<RawStore> raws = new ArrayList<>();
    private float[][] vectors;
    private byte[][] values;
    private int transfersPerWorker;
    private long round;

    @Setup(Level.Trial)
    public void start() throws Exception {
        server = BenchServer.start(channel);
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
            Channel ch = Channels.open(server.uri());
            channels.add(ch);
            members.add(pattern.equals("allreduce")
                    ? new AllReduce(ch, prefix, rank, workers, Duration.ofMinutes(5))
                    : new ScatterReduce(ch, prefix, rank, workers, Duration.ofMinutes(5)));
            raws.add(RawStore.open(channel, server));
        }
        long vectorBytes = 4L * floats;
        long size = pattern.equals("allreduce") ? vectorBytes : vectorBytes / workers;
        long total = (3L * workers - 2) * vectorBytes;
        transfersPerWorker = (int) ((total + workers * size - 1) / (workers * size));
        transfersPerWorker += transfersPerWorker % 2;
        values = new byte[workers][(int) size];
        for (byte[] value : values) {
            random.nextBytes(value);
        }
    }

    /** One collective round; every worker gets the sum. */
    @Benchmark
    public float collective() throws Exception {
        long r = round++;
        List<Callable<float[]>> tasks = new ArrayList<>();
        for (int rank = 0; rank < workers; rank++) {
            Collective member = members.get(rank);
            float[] vector = vectors[rank];
            tasks.add(() -> member.sum(r, vector));
        }
        float check = 0;
        for (Future<float[]> f : pool.invokeAll(tasks)) {
            check += f.get()[0];
        }
        return check;
    }

    /** The same bytes through the store's own client: each worker puts and gets values of the collective's size. */
    @Benchmark
    public int raw() throws Exception {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int rank = 0; rank < workers; rank++) {
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

    @TearDown(Level.Trial)
    public void stop() throws Exception {
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
