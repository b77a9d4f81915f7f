package dev.cumulus.sim.cost;

import dev.cumulus.sim.cost.JobShape.Pattern;

/**
 * One round's traffic through a store, as LambdaML models its patterns, and its time: pure functions of the
 * vector's size d, the workers N and the store.
 *
 * <ul>
 *   <li>AllReduce: every worker puts its vector; one reducer gets the N-1 others, sums and puts the sum; the
 *       others get it. The reducer is the critical path and moves about 2(N-1)·d bytes; latencies: a put,
 *       ceil((N-1)/q) waves of gets, a put, a get.</li>
 *   <li>ScatterReduce: each worker puts N-1 shards of d/N, gets the N-1 shards of its own part, puts its
 *       reduced shard and gets the N-1 others: each moves about 2(N-1)/N·d; latencies: three batches of N-1
 *       and a put.</li>
 *   <li>Both: the store carries about (3N-2)·d in all, which it serves at its aggregate bandwidth, and every
 *       worker's requests (3N-2 for AllReduce, about 3N² for ScatterReduce), at its aggregate request rate; a
 *       round takes at least as long as either (a bound beside the critical path, not added to it).</li>
 *   <li>ASP: no collective; each step a worker reads the shared model, then reads and writes it back (three
 *       requests of d), N workers at once.</li>
 * </ul>
 */
public final class RoundTraffic {
    /** Floats per request part in AllReduce (the collective's default part size). */
    public static final long PART_FLOATS = 1L << 17;

    private RoundTraffic() {
    }

    /** Latency waves on a BSP round's critical path. */
    public static long latencyWaves(Pattern pattern, int workers, ChannelParameters channel) {
        if (workers <= 1) {
            return 0;
        }
        long others = workers - 1;
        return pattern == Pattern.ALLREDUCE
                ? 3 + channel.waves(others)
                : 1 + 3 * channel.waves(others);
    }

    /** Bytes the busiest worker moves in a BSP round. */
    public static double criticalBytes(Pattern pattern, int workers, double vectorBytes) {
        if (workers <= 1) {
            return 0;
        }
        return pattern == Pattern.ALLREDUCE
                ? 2.0 * (workers - 1) * vectorBytes
                : 2.0 * (workers - 1) / workers * vectorBytes;
    }

    /** Bytes through the store in a BSP round, all workers together. */
    public static double totalBytes(int workers, double vectorBytes) {
        return workers <= 1 ? 0 : (3.0 * workers - 2) * vectorBytes;
    }

    /**
     * Seconds of one BSP collective round, without the checkpoint: its critical path (the latency waves and the
     * busiest worker's bytes) or, if longer, the time the store needs to serve the whole round at its aggregate
     * limits ({@link #storeBoundSeconds}).
     */
    public static double collectiveSeconds(Pattern pattern, int workers, double vectorBytes,
            ChannelParameters channel) {
        if (workers <= 1) {
            return 0;
        }
        double path = latencyWaves(pattern, workers, channel) * channel.latencySeconds()
                + criticalBytes(pattern, workers, vectorBytes) / channel.bytesPerSecond();
        return Math.max(path, storeBoundSeconds(pattern, workers, vectorBytes, channel));
    }

    /**
     * Seconds the store needs for a BSP round's bytes and requests, all workers together, at its aggregate
     * bandwidth and request rate. A lower bound on the round, not a time added to its latencies: each latency on
     * the critical path already holds the store's service of that request, and the other workers' requests are
     * served while the critical path waits. Added, a local Redis's service time was counted twice, and on one
     * host time-sliced as well (docs/COST-MODEL.md).
     */
    public static double storeBoundSeconds(Pattern pattern, int workers, double vectorBytes,
            ChannelParameters channel) {
        if (workers <= 1) {
            return 0;
        }
        Requests r = requests(pattern, workers, vectorBytes, (long) Math.ceil(vectorBytes / Float.BYTES));
        return Math.max(totalBytes(workers, vectorBytes) / channel.aggregateBytesPerSecond(),
                (r.puts() + r.gets()) / channel.aggregateRequestsPerSecond());
    }

    /** Seconds of one put of {@code bytes}: rank 0's checkpoint after a round, a published model. */
    public static double putSeconds(double bytes, ChannelParameters channel) {
        return channel.latencySeconds() + bytes / channel.bytesPerSecond();
    }

    /**
     * Seconds one ASP step spends with the store when N workers share one model of {@code modelBytes}: its own
     * three requests, or, if longer, the store serving all N workers' at its aggregate limits (a bound, as in
     * {@link #storeBoundSeconds}).
     */
    public static double aspStepSeconds(int workers, double modelBytes, ChannelParameters channel) {
        double own = 3 * channel.latencySeconds() + 3 * modelBytes / channel.bytesPerSecond();
        double shared = Math.max(workers * 3 * modelBytes / channel.aggregateBytesPerSecond(),
                workers * 3.0 / channel.aggregateRequestsPerSecond());
        return Math.max(own, shared);
    }

    /**
     * Seconds one step spends with a parameter server: a pull of the model and a push of the gradient, each
     * one call, N workers at once against the server's network and call rate.
     */
    public static double serverStepSeconds(int workers, double vectorBytes, ChannelParameters server) {
        double own = 2 * vectorBytes / server.bytesPerSecond();
        double shared = Math.max(workers * 2 * vectorBytes / server.aggregateBytesPerSecond(),
                workers * 2.0 / server.aggregateRequestsPerSecond());
        return 2 * server.latencySeconds() + Math.max(own, shared);
    }

    /** Requests and bytes of a round, for pricing: every worker's puts and gets. */
    public static Requests requests(Pattern pattern, int workers, double vectorBytes, long vectorFloats) {
        if (workers <= 1) {
            return new Requests(0, 0, 0, 0);
        }
        long n = workers;
        if (pattern == Pattern.ALLREDUCE) {
            long parts = Math.max(1, (vectorFloats + PART_FLOATS - 1) / PART_FLOATS);
            double partBytes = vectorBytes / parts;
            return new Requests(n * parts, 2 * (n - 1) * parts, partBytes, partBytes);
        }
        double shard = vectorBytes / n;
        return new Requests(n * (n - 1) + n, 2 * n * (n - 1), shard, shard);
    }

    /**
     * Requests of one round.
     *
     * @param puts writes, all workers together
     * @param gets reads
     * @param bytesPerPut size of each written item
     * @param bytesPerGet size of each read item
     */
    public record Requests(long puts, long gets, double bytesPerPut, double bytesPerGet) {
    }
}
