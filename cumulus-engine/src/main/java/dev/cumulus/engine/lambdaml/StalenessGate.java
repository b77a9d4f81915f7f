package dev.cumulus.engine.lambdaml;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelTimeoutException;
import dev.cumulus.channel.PollingWait;
import dev.cumulus.engine.protocol.RunKeys;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

/**
 * SSP's bound, kept through the channel rather than a clock: each worker publishes how many rounds
 * it has finished, and none starts round r before every other worker finished round r - K. A
 * worker that finished all its rounds publishes "done", so it never holds the others back.
 */
final class StalenessGate {
    private static final long DONE = Long.MAX_VALUE;
    private final Channel channel;
    private final RunKeys keys;
    private final int rank;
    private final int workers;
    private final long bound;
    private final Duration timeout;
    private final PollingWait polling = new PollingWait(Duration.ofMillis(20));
    /** The fewest rounds any other worker was last seen to have finished: a lower bound, since clocks only grow. */
    private long slowestSeen;

    StalenessGate(Channel channel, RunKeys keys, int rank, int workers, long bound, Duration timeout) {
        this.channel = channel;
        this.keys = keys;
        this.rank = rank;
        this.workers = workers;
        this.bound = bound;
        this.timeout = timeout;
    }

    /** Blocks until every other worker has finished round {@code round - K} (that is, round - K + 1 rounds). */
    void awaitRound(long round) {
        long needed = round - bound;
        if (needed <= 0 || slowestSeen >= needed) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        PollingWait.Backoff backoff = polling.backoff();
        while (true) {
            slowestSeen = slowest();
            if (slowestSeen >= needed) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ChannelTimeoutException("worker " + rank + " waited " + timeout.toSeconds()
                        + " s for every worker to finish round " + (needed - 1) + " (ssp bound " + bound + ")");
            }
            backoff.sleep(left, "interrupted while waiting for the ssp bound");
        }
    }

    /** Publishes that this worker has finished {@code rounds} rounds. */
    void finished(long rounds) {
        channel.put(key(rank), ByteBuffer.allocate(Long.BYTES).putLong(rounds).array());
    }

    /** Publishes that this worker will start no more rounds. */
    void done() {
        finished(DONE);
    }

    private long slowest() {
        long min = DONE;
        for (int r = 0; r < workers; r++) {
            if (r != rank) {
                Optional<byte[]> value = channel.get(key(r));
                min = Math.min(min, value.map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L));
            }
        }
        return min;
    }

    private String key(int r) {
        return keys.prefix() + "ssp/" + r;
    }
}
