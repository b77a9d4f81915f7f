package dev.cumulus.sim.cost;

import java.util.EnumMap;
import java.util.Map;

/**
 * How fast one store moves a worker's requests: the time of one request, the bytes per second one client
 * connection gets, the bytes per second the whole store serves to everyone at once, and how many requests one
 * worker keeps in flight.
 *
 * @param latencySeconds time of one request apart from its bytes (round trip, service time)
 * @param bytesPerSecond bandwidth one worker sees (for a function: the smaller of the store's and the
 *     function's network)
 * @param aggregateBytesPerSecond what the store serves in total (infinity: scales out, as S3 and DynamoDB)
 * @param requestsInFlight requests one worker issues concurrently (a batch of k costs ceil(k / this)
 *     latencies)
 * @param aggregateRequestsPerSecond requests the whole store serves per second (S3: per key prefix)
 */
public record ChannelParameters(double latencySeconds, double bytesPerSecond, double aggregateBytesPerSecond,
        int requestsInFlight, double aggregateRequestsPerSecond) {

    public ChannelParameters {
        Check.nonNegative("latencySeconds", latencySeconds);
        Check.positive("bytesPerSecond", bytesPerSecond);
        Check.positiveOrUnbounded("aggregateBytesPerSecond", aggregateBytesPerSecond);
        Check.atLeast("requestsInFlight", requestsInFlight, 1);
        Check.positiveOrUnbounded("aggregateRequestsPerSecond", aggregateRequestsPerSecond);
    }

    private static final double MB = 1e6;
    private static final double UNBOUNDED = Double.POSITIVE_INFINITY;

    /**
     * The documented defaults, one per store (docs/COST-MODEL.md gives the source of each). Cloud stores are
     * seen from a function, whose network we take as about 75 MB/s; local stores from a thread or process.
     */
    public static Map<Store, ChannelParameters> defaults() {
        Map<Store, ChannelParameters> d = new EnumMap<>(Store.class);
        // Local, order-of-magnitude: a map look-up and a copy; a write-then-rename of a file in the page cache.
        d.put(Store.MEMORY, new ChannelParameters(20e-6, 2_000 * MB, 10_000 * MB, 16, 1e6));
        d.put(Store.FILE, new ChannelParameters(200e-6, 1_000 * MB, 4_000 * MB, 16, 20_000));
        // ElastiCache: sub-millisecond in one AZ; a cache.t3.medium node has "up to 5 Gbit/s"; Redis serves
        // about 100,000 simple commands a second on its one thread, Memcached more on several.
        d.put(Store.REDIS, new ChannelParameters(0.5e-3, 75 * MB, 625 * MB, 16, 100_000));
        d.put(Store.MEMCACHED, new ChannelParameters(0.5e-3, 75 * MB, 625 * MB, 16, 200_000));
        // S3: tens of milliseconds per small request, 85-90 MB/s per connection, 3,500 PUTs a second per prefix.
        d.put(Store.S3, new ChannelParameters(30e-3, 75 * MB, UNBOUNDED, 32, 3_500));
        // DynamoDB: single-digit-millisecond service time plus the network; an on-demand table starts at
        // 4,000 writes a second.
        d.put(Store.DYNAMODB, new ChannelParameters(8e-3, 20 * MB, UNBOUNDED, 16, 4_000));
        return d;
    }

    /**
     * Bytes per second a client on the same machine as the store gets, for a run whose functions and store
     * shared one host (threads, processes): a copy for the memory channel, the page cache for files, a loopback
     * connection for Redis and Memcached (a GET of 512 KB took 0.3-0.7 ms against 24-58 µs for 4 KB here,
     * {@code redis-benchmark -c 1}, load average 2-8: 0.8-1.8 GB/s; docs/COST-MODEL.md). S3 and DynamoDB have
     * no loopback figure: their defaults.
     */
    public static double loopbackBytesPerSecond(Store store) {
        return switch (store) {
            case REDIS, MEMCACHED -> 1_000 * MB;
            default -> defaults().get(store).bytesPerSecond();
        };
    }

    /** Seconds for one batch of {@code requests} concurrent requests moving {@code bytes} in all. */
    public double batchSeconds(long requests, double bytes) {
        return waves(requests) * latencySeconds + bytes / bytesPerSecond;
    }

    /** Latency waves a batch of {@code requests} takes. */
    public long waves(long requests) {
        return requests <= 0 ? 0 : (requests + requestsInFlight - 1) / requestsInFlight;
    }
}
