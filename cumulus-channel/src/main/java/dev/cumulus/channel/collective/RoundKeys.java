package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * The keys a worker wrote in a round, which it is done with in a later one: its inputs, once
 * their reducer has summed them, and a summing worker's published sums, once every worker has
 * read them.
 *
 * <p>Inputs are deleted by their writer, each just before the input of the next round that takes
 * its place, in the same write on Redis ({@link Channel#replaceAllFloatsAsync}). On Redis the
 * server then reuses the memory it just freed. When the reducers deleted the inputs they had
 * summed, in bulk a round later, each round's inputs went into fresh pages instead of the memory
 * the last round's had freed: a 16-worker ScatterReduce round of 40 MB cost Redis about 100,000
 * page faults and 800 ms of CPU. With the inputs replaced one by one, it cost 2,800 page faults
 * and 430 ms (docs/bench/channels.md, "Round 7").
 *
 * <p>Published sums are deleted with {@link Channel#deleteAllAsync}, not waited for: the deletion
 * sits on a summing worker's chain, just before it publishes its sum, and on Redis each
 * synchronous one was a round trip there. A deletion that failed is done again, with the
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
     * The keys recorded for a round before {@code round}, which this worker is done with now. A
     * worker started afresh has nothing recorded: its keys are {@code keysOf.apply(round - 1)},
     * what its keys of the previous round would be (none before round 0). Keys recorded for
     * {@code round} itself, as when a failed round is run again, are not returned.
     */
    List<String> previous(long round, LongFunction<? extends List<String>> keysOf) {
        if (this.round != Long.MIN_VALUE) {
            return this.round < round ? keys : List.of();
        }
        return round > 0 ? List.copyOf(keysOf.apply(round - 1)) : List.of();
    }

    /**
     * Starts deleting the keys {@link #previous} gives.
     *
     * @throws dev.cumulus.channel.ChannelException if the last deletion failed and doing it again
     *     failed too
     */
    void deletePrevious(long round, LongFunction<? extends List<String>> keysOf) {
        retryFailedDeletion();
        List<String> old = previous(round, keysOf);
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
