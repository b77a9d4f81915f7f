package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.codec.FloatSlice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A store whose first asynchronous delete and first asynchronous put fail, as on a connection
 * that was reset, and whose every other call goes to {@code store}: for the collectives' fallback
 * to the synchronous, retried call.
 */
final class FirstAsyncFails implements Channel {
    private final Channel store;
    final List<List<String>> asyncDeletions = new ArrayList<>();
    final List<List<String>> asyncPuts = new ArrayList<>();

    FirstAsyncFails(Channel store) {
        this.store = store;
    }

    @Override
    public CompletableFuture<Void> deleteAllAsync(Collection<String> keys) {
        asyncDeletions.add(List.copyOf(keys));
        return asyncDeletions.size() == 1 ? reset() : Channel.super.deleteAllAsync(keys);
    }

    @Override
    public CompletableFuture<Void> putAllFloatsAsync(Map<String, FloatSlice> values) {
        asyncPuts.add(List.copyOf(values.keySet()));
        return asyncPuts.size() == 1 ? reset() : Channel.super.putAllFloatsAsync(values);
    }

    @Override
    public CompletableFuture<Void> putFloatsAsync(String key, FloatSlice slice) {
        return putAllFloatsAsync(Map.of(key, slice));
    }

    private static CompletableFuture<Void> reset() {
        return CompletableFuture.failedFuture(new ChannelException("connection reset"));
    }

    @Override public void put(String key, byte[] value) { store.put(key, value); }
    @Override public void put(String key, byte[] value, Duration ttl) { store.put(key, value, ttl); }
    @Override public boolean putIfAbsent(String key, byte[] value) { return store.putIfAbsent(key, value); }
    @Override public Optional<byte[]> get(String key) { return store.get(key); }
    @Override public byte[] await(String key, Duration timeout) { return store.await(key, timeout); }
    @Override public void delete(String key) { store.delete(key); }
    @Override public List<String> list(String prefix) { return store.list(prefix); }
    @Override public long increment(String key, long delta) { return store.increment(key, delta); }
    @Override public String describe() { return "first async fails, then " + store.describe(); }
    @Override public void close() { }
}
