package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Keys a worker is done with in one round and deletes in its next one: a reducer's inputs once
 * summed, its published sums once every worker has read them.
 *
 * <p>Why the inputs wait a round: a ScatterReduce owner that deleted its 15 inputs of 640 KB right
 * after summing them, mid-round, while the other owners' replies were being sent, cost Redis about
 * 160 ms of CPU per 16-worker round of 10 MB; deleting them in the next round, 122-125 ms
 * (docs/bench/channels.md, "Round 4").
 *
 * <p>The deletion is started with {@link Channel#deleteAllAsync} and not waited for: both
 * deletions sit on a summing worker's chain (one just before it publishes its sum), and on Redis
 * each synchronous one was a round trip there. A deletion that failed is done again, with the
 * channel's retries, when the next one starts, so a store that is down is still reported within
 * a round.
 */
final class RoundKeys {
    private final Channel channel;
    private long round = Long.MIN_VALUE;
    private List<String> keys = List.of();
    /** The last deletion started, and its keys, for doing it again if it failed. */
    private CompletableFuture<Void> deleting = CompletableFuture.completedFuture(null);
    private List<String> beingDeleted = List.of();

    RoundKeys(Channel channel) {
        this.channel = channel;
    }

    /** Records {@code keys} as this worker's of {@code round}, to be deleted in a later round. */
    void record(long round, List<String> keys) {
        this.round = round;
        this.keys = List.copyOf(keys);
    }

    /**
     * Starts deleting the keys recorded for a round before {@code round}. A worker started afresh
     * has nothing recorded: it deletes what it lists under {@code previousDirectory}, the directory
     * of its keys of round {@code round - 1} (none if null). Keys recorded for {@code round} itself,
     * as when a failed round is run again, stay.
     *
     * @throws dev.cumulus.channel.ChannelException if the last deletion failed and doing it again
     *     failed too
     */
    void deletePrevious(long round, String previousDirectory) {
        retryFailedDeletion();
        List<String> old = new ArrayList<>();
        if (this.round != Long.MIN_VALUE) {
            if (this.round < round) {
                old.addAll(keys);
            }
        } else if (previousDirectory != null && round > 0) {
            old.addAll(channel.list(previousDirectory));
        }
        if (!old.isEmpty()) {
            beingDeleted = old;
            deleting = channel.deleteAllAsync(old);
        }
    }

    /**
     * Deletes the last deletion's keys again, synchronously, if it failed. It was started a round
     * ago, so on a store that answers in order it has long been answered and the join does not wait.
     */
    private void retryFailedDeletion() {
        Throwable failure = deleting.handle((done, error) -> error).join();
        deleting = CompletableFuture.completedFuture(null);
        if (failure != null) {
            channel.deleteAll(beingDeleted);
        }
    }
}
