package dev.cumulus.channel.meter;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.codec.FloatSlice;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A channel that counts the requests it passes to the store it wraps, so that a run can say what a
 * store that bills per request (S3, DynamoDB) would have charged. Every method forwards to the
 * wrapped store's own, so its batching and pipelining are kept.
 */
public final class MeteredChannel implements Channel {
    private final Channel store;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();
    private final AtomicLong lists = new AtomicLong();
    private final AtomicLong writeUnits = new AtomicLong();
    private final AtomicLong readUnits = new AtomicLong();

    public MeteredChannel(Channel store) {
        this.store = store;
    }

    /** The requests counted so far. */
    public RequestCounts counts() {
        return new RequestCounts(writes.get(), reads.get(), deletes.get(), lists.get(), writeUnits.get(), readUnits.get());
    }

    private void wrote(long bytes) {
        writes.incrementAndGet();
        writeUnits.addAndGet(Math.max(1, (bytes + 1023) / 1024));
    }

    private byte[] read(byte[] value) {
        reads.incrementAndGet();
        readUnits.addAndGet(Math.max(1, ((value == null ? 0 : value.length) + 4095) / 4096));
        return value;
    }

    private void readFloats(List<FloatSlice> targets) {
        for (FloatSlice slice : targets) {
            reads.incrementAndGet();
            readUnits.addAndGet(Math.max(1, (4L * slice.count() + 4095) / 4096));
        }
    }

    private void wroteFloats(Map<String, FloatSlice> values) {
        values.values().forEach(slice -> wrote(4L * slice.count()));
    }

    @Override
    public void put(String key, byte[] value) {
        wrote(value.length);
        store.put(key, value);
    }

    @Override
    public void putOwned(String key, byte[] value) {
        wrote(value.length);
        store.putOwned(key, value);
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        wrote(value.length);
        store.put(key, value, ttl);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value) {
        wrote(value.length);
        return store.putIfAbsent(key, value);
    }

    @Override
    public Optional<byte[]> get(String key) {
        Optional<byte[]> value = store.get(key);
        read(value.orElse(null));
        return value;
    }

    @Override
    public byte[] await(String key, Duration timeout) {
        return read(store.await(key, timeout));
    }

    @Override
    public byte[] awaitShared(String key, Duration timeout) {
        return read(store.awaitShared(key, timeout));
    }

    @Override
    public List<byte[]> awaitAll(List<String> keys, Duration timeout) {
        List<byte[]> values = store.awaitAll(keys, timeout);
        values.forEach(this::read);
        return values;
    }

    @Override
    public CompletableFuture<List<byte[]>> getAllAsync(List<String> keys) {
        return store.getAllAsync(keys).thenApply(values -> {
            values.forEach(this::read);
            return values;
        });
    }

    @Override
    public CompletableFuture<int[]> readFloatsAsync(List<String> keys, List<FloatSlice> targets) {
        readFloats(targets);
        return store.readFloatsAsync(keys, targets);
    }

    @Override
    public int[] awaitFloats(List<String> keys, List<FloatSlice> targets, Duration timeout) {
        readFloats(targets);
        return store.awaitFloats(keys, targets, timeout);
    }

    @Override
    public CompletableFuture<Void> putAsync(String key, byte[] value) {
        wrote(value.length);
        return store.putAsync(key, value);
    }

    @Override
    public CompletableFuture<Void> putFloatsAsync(String key, FloatSlice slice) {
        wrote(4L * slice.count());
        return store.putFloatsAsync(key, slice);
    }

    @Override
    public void putAllFloats(Map<String, FloatSlice> values) {
        wroteFloats(values);
        store.putAllFloats(values);
    }

    @Override
    public CompletableFuture<Void> putAllFloatsAsync(Map<String, FloatSlice> values) {
        wroteFloats(values);
        return store.putAllFloatsAsync(values);
    }

    @Override
    public CompletableFuture<Void> replaceAllFloatsAsync(List<String> replaced, Map<String, FloatSlice> values) {
        wroteFloats(values);
        deletes.addAndGet(replaced.stream().filter(key -> !values.containsKey(key)).count());
        return store.replaceAllFloatsAsync(replaced, values);
    }

    @Override
    public void delete(String key) {
        deletes.incrementAndGet();
        store.delete(key);
    }

    @Override
    public void putAll(Map<String, byte[]> values) {
        values.values().forEach(v -> wrote(v.length));
        store.putAll(values);
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        deletes.addAndGet(keys.size());
        store.deleteAll(keys);
    }

    @Override
    public CompletableFuture<Void> deleteAllAsync(Collection<String> keys) {
        deletes.addAndGet(keys.size());
        return store.deleteAllAsync(keys);
    }

    @Override
    public List<String> list(String prefix) {
        lists.incrementAndGet();
        return store.list(prefix);
    }

    @Override
    public long increment(String key, long delta) {
        writes.incrementAndGet();
        writeUnits.incrementAndGet();
        return store.increment(key, delta);
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public void close() {
        store.close();
    }
}
