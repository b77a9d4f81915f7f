package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * The vectors a worker wrote for gathers, by round, until it may delete them. A worker that has
 * read every vector of round r knows every worker has started round r, so has finished reading
 * the rounds before it: then the worker's own vectors of those rounds can go. The keys are
 * recorded when written, so a round that failed after its write is deleted with the others.
 *
 * <p>Deletions are started without waiting for them, as {@link RoundKeys} does, and one that
 * failed is done again, with the channel's retries, when the next one starts.
 */
final class GatheredKeys {
    private final Channel channel;
    private final NavigableMap<Long, List<String>> written = new TreeMap<>();
    /** Whether this worker has deleted anything yet; until then it may have keys of a run before its start. */
    private boolean fresh = true;
    private CompletableFuture<Void> deleting = CompletableFuture.completedFuture(null);
    private List<String> beingDeleted = List.of();

    GatheredKeys(Channel channel) {
        this.channel = channel;
    }

    /** Records {@code keys} as written by this worker in {@code round}. */
    void record(long round, Collection<String> keys) {
        written.computeIfAbsent(round, r -> new ArrayList<>()).addAll(keys);
    }

    /**
     * Starts deleting the keys recorded for rounds before {@code round}, every worker having read
     * them. A worker started afresh also deletes {@code keysOf.apply(round - 1)}: what its keys of
     * the previous round would have been, written before it (re)started.
     *
     * @throws dev.cumulus.channel.ChannelException if the last deletion failed and doing it again failed too
     */
    void deleteBefore(long round, LongFunction<? extends List<String>> keysOf) {
        Throwable failure = deleting.handle((done, error) -> error).join();
        deleting = CompletableFuture.completedFuture(null);
        if (failure != null) {
            channel.deleteAll(beingDeleted);
        }
        List<String> old = new ArrayList<>();
        if (fresh && round > 0 && !written.containsKey(round - 1)) {
            old.addAll(keysOf.apply(round - 1));
        }
        NavigableMap<Long, List<String>> before = written.headMap(round, false);
        before.values().forEach(old::addAll);
        before.clear();
        fresh = false;
        if (!old.isEmpty()) {
            beingDeleted = old;
            deleting = channel.deleteAllAsync(old);
        }
    }
}
