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
 * round or one raw round of the same bytes: all move {@code (3N-2)·V} bytes for a vector of V
 * bytes, the raw rounds in values of the collective's value size (V for AllReduce, V/N for
 * ScatterReduce), with no coding, summing or waiting. Two raw rounds:
 * <ul>
 *   <li>{@link #raw}, pairs: each worker puts a value and gets it straight back,
 *       {@code ceil((3N-2)·V / (N·size))} transfers each, rounded up to an even count;</li>
 *   <li>{@link #rawMirrored}, the collective's own mix: both collectives write N·V and read
 *       2(N-1)·V (every worker's input written once and read by its reducer, every sum written
 *       once and read by the N-1 others), so the workers share N·V/size puts and 2(N-1)·V/size
 *       gets, interleaved, and each get reads a value another worker put in an earlier round, as
 *       a reducer does. A value read right after it was written is still in the server's cache
 *       and a GET costs Redis a copy a SET does not; pairs measure the cheaper mix.</li>
 * </ul>
 */
final class Trial implements AutoCloseable {
    private final BenchServer server;
    private final ExecutorService pool;
    private final List<Channel> channels = new ArrayList<>();
    private final List<Collective> members = new ArrayList<>();
    private final List<RawStore> raws = new ArrayList<>();
    private final float[][] vectors;
    /** Each worker's sum buffer, kept across rounds as a training worker keeps its own. */
    private final float[][] sums;
    private final byte[][] values;
    private final int transfersPerWorker;
    /** Each worker's mirrored round, worked out once so that the timed loop only moves bytes. */
    private final List<List<MirroredOp>> mirrored = new ArrayList<>();

    /** One put or get of a mirrored round. */
    private record MirroredOp(boolean put, String key) {
    }
    private final long collectiveBytes;
    private final long rawBytes;

    /**
     * Starts the server and connects the workers; {@code partFloats} is both collectives' part size.
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
        sums = new float[workers][floats];
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
                    : new ScatterReduce(ch, prefix, rank, workers, Duration.ofMinutes(5), false, partFloats));
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
        int[] puts = spread((int) (workers * vectorBytes / size), workers);
        int[] gets = spread((int) (2L * (workers - 1) * vectorBytes / size), workers);
        for (int k = 0; k < workers; k++) {
            mirrored.add(mirroredRound(k, workers, puts, gets[k]));
            // Every value a mirrored get reads is there before the first mirrored round.
            for (MirroredOp op : mirrored.get(k)) {
                if (op.put()) {
                    raws.get(k).put(op.key(), values[k]);
                }
            }
        }
    }

    /**
     * Worker k's puts and gets, interleaved evenly: it puts {@code raw/k/j}; its i-th get reads the
     * value worker {@code k+1+i mod N} put under {@code j = i / (N-1)} in an earlier round (a
     * worker with no such value is read at its last one), so no get reads what its own worker
     * just wrote.
     */
    private static List<MirroredOp> mirroredRound(int k, int n, int[] puts, int gets) {
        int total = puts[k] + gets;
        List<MirroredOp> ops = new ArrayList<>(total);
        int put = 0;
        int got = 0;
        for (int t = 0; t < total; t++) {
            // A put where the running share of puts steps up.
            if ((long) (t + 1) * puts[k] / total > (long) t * puts[k] / total) {
                ops.add(new MirroredOp(true, "raw/" + k + "/" + put++));
            } else {
                int owner = n == 1 ? k : (k + 1 + got % (n - 1)) % n;
                int j = Math.min(got / Math.max(1, n - 1), puts[owner] - 1);
                ops.add(new MirroredOp(false, "raw/" + owner + "/" + j));
                got++;
            }
        }
        return ops;
    }

    /** {@code total} split over {@code workers} as evenly as possible, the first ones taking the rest. */
    private static int[] spread(int total, int workers) {
        int[] shares = new int[workers];
        for (int k = 0; k < workers; k++) {
            shares[k] = total / workers + (k < total % workers ? 1 : 0);
        }
        return shares;
    }

    /** Bytes one collective round moves through the store. */
    long collectiveBytes() {
        return collectiveBytes;
    }

    /** CPU time the store's server process has used so far, or -1 if it runs in this JVM. */
    long serverCpuNanos() {
        return server.cpuNanos();
    }

    /** Bytes one raw round of pairs moves through the store. */
    long rawBytes() {
        return rawBytes;
    }

    /** Bytes one mirrored raw round moves through the store: {@code (3N-2)·V} when N divides V. */
    long mirroredBytes() {
        long transfers = 0;
        for (List<MirroredOp> ops : mirrored) {
            transfers += ops.size();
        }
        return transfers * values[0].length;
    }

    /** One collective round; returns a value of the sums so the work cannot be skipped. */
    float collective(long round) throws Exception {
        List<Callable<float[]>> tasks = new ArrayList<>();
        for (int rank = 0; rank < members.size(); rank++) {
            Collective member = members.get(rank);
            float[] vector = vectors[rank];
            float[] sum = sums[rank];
            tasks.add(() -> member.sum(round, vector, sum));
        }
        float check = 0;
        for (Future<float[]> f : pool.invokeAll(tasks)) {
            check += f.get()[0];
        }
        return check;
    }

    /** One raw round of pairs; returns the number of bytes read. */
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

    /**
     * One raw round with the collective's mix of puts and gets (see the class comment and
     * {@link #mirroredRound}); returns the number of bytes read.
     */
    int rawMirrored() throws Exception {
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int rank = 0; rank < raws.size(); rank++) {
            RawStore store = raws.get(rank);
            byte[] value = values[rank];
            List<MirroredOp> ops = mirrored.get(rank);
            tasks.add(() -> {
                int read = 0;
                for (MirroredOp op : ops) {
                    if (op.put()) {
                        store.put(op.key(), value);
                    } else {
                        read += store.get(op.key()).length;
                    }
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
