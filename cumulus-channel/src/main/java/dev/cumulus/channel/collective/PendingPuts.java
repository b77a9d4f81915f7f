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
    private final List<CompletableFuture<Void>> stored = new ArrayList<>();

    PendingPuts(Channel channel) {
        this.channel = channel;
    }

    /** Starts putting every slice of {@code batch}, in one exchange where the store allows. */
    void putAll(Map<String, FloatSlice> batch) {
        values.putAll(batch);
        stored.add(channel.putAllFloatsAsync(batch));
    }

    /** Starts putting one slice. */
    void put(String key, FloatSlice slice) {
        values.put(key, slice);
        stored.add(channel.putFloatsAsync(key, slice));
    }

    /**
     * Waits until every slice is stored. If any put failed, puts them all again, with the
     * channel's retries: a value put twice is the same value, and the store's error, if it
     * persists, is reported as the synchronous put reports it.
     */
    void join() {
        boolean failed = false;
        for (CompletableFuture<Void> put : stored) {
            failed |= put.handle((done, failure) -> failure != null).join();
        }
        if (failed) {
            channel.putAllFloats(values);
        }
        values.clear();
        stored.clear();
    }
}
