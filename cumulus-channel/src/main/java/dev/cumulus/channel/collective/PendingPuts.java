package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.codec.FloatSlice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Float slices a worker has started to put and not yet seen stored. A ScatterReduce worker goes on
 * to read its own shard's inputs while its inputs to the others are still being stored, and to
 * gather the other shards while its own summed shard is: on Redis each wait for a SET's answer
 * had held back the next request by a round trip and a thread wake-up (in a 2-worker round of
 * 1 MB, half the workers' wall time was spent waiting for those answers).
 */
final class PendingPuts {
    private final Channel channel;
    private final Map<String, FloatSlice> values = new LinkedHashMap<>();
    private final List<String> replaced = new ArrayList<>();
    private final List<CompletableFuture<Void>> stored = new ArrayList<>();

    PendingPuts(Channel channel) {
        this.channel = channel;
    }

    /**
     * Starts putting every slice of {@code batch} in the place of the keys {@code old}, which are
     * deleted (see {@link Channel#replaceAllFloatsAsync}).
     */
    void replaceAll(List<String> old, Map<String, FloatSlice> batch) {
        replaced.addAll(old);
        values.putAll(batch);
        stored.add(channel.replaceAllFloatsAsync(old, batch));
    }

    /** Starts putting one slice. */
    void put(String key, FloatSlice slice) {
        values.put(key, slice);
        stored.add(channel.putFloatsAsync(key, slice));
    }

    /**
     * Waits until every slice is stored and every replaced key deleted. If any of it failed,
     * deletes and puts them all again, with the channel's retries: a value put twice is the same
     * value, and the store's error, if it persists, is reported as the synchronous calls report it.
     */
    void join() {
        boolean failed = false;
        for (CompletableFuture<Void> put : stored) {
            failed |= put.handle((done, failure) -> failure != null).join();
        }
        if (failed) {
            List<String> gone = replaced.stream().filter(key -> !values.containsKey(key)).toList();
            if (!gone.isEmpty()) {
                channel.deleteAll(gone);
            }
            channel.putAllFloats(values);
        }
        replaced.clear();
        values.clear();
        stored.clear();
    }
}
