package dev.cumulus.channel.memory;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.ChannelTimeoutException;
import dev.cumulus.channel.CounterValue;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.channel.codec.FloatSlice;
import dev.cumulus.channel.meter.WaitRecorder;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A channel held in this process's memory: the default, for workers that are threads of one JVM.
 *
 * <p>Values are copied in and out, so a worker that changes its array after a put does not change
 * what others read, as with a real store. A waiting worker is woken by the put itself. Float vectors
 * are copied once each way, not twice: a put encodes straight into the array the store keeps, and
 * a read decodes from the stored array (never changed once stored) into the caller's floats.
 */
public final class MemoryChannel implements Channel {
    private record Entry(byte[] value, long expiresAtNanos) {
        boolean expired(long now) {
            return expiresAtNanos != 0 && now - expiresAtNanos >= 0;
        }
    }

    private final String name;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Waiters> waiters = new ConcurrentHashMap<>();

    /** The threads waiting for one key: woken together by its next put; counted so the last one out removes it. */
    private static final class Waiters {
        final CompletableFuture<Void> signal = new CompletableFuture<>();
        int count;
    }
    private volatile boolean closed;

    /** A private store, visible only through this object. */
    public MemoryChannel() {
        this("memory:");
    }

    /** A store described by {@code name} in logs (as {@code memory:jobA}). */
    public MemoryChannel(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public void put(String key, byte[] value) {
        store(key, value, 0);
    }

    @Override
    public void putOwned(String key, byte[] value) {
        Objects.requireNonNull(value, "value");
        storeOwned(key, value);
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        requirePositive(ttl);
        store(key, value, deadline(ttl));
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value) {
        check(key);
        Objects.requireNonNull(value, "value");
        Entry fresh = new Entry(value.clone(), 0);
        long now = System.nanoTime();
        boolean[] stored = {false};
        entries.compute(key, (k, old) -> {
            if (old == null || old.expired(now)) {
                stored[0] = true;
                return fresh;
            }
            return old;
        });
        if (stored[0]) {
            wake(key);
        }
        return stored[0];
    }

    @Override
    public Optional<byte[]> get(String key) {
        check(key);
        return Optional.ofNullable(live(key)).map(e -> e.value().clone());
    }

    @Override
    public byte[] await(String key, Duration timeout) {
        return awaitStored(key, timeout).clone();
    }

    @Override
    public byte[] awaitShared(String key, Duration timeout) {
        return awaitStored(key, timeout);
    }

    @Override
    public CompletableFuture<Void> putFloatsAsync(String key, FloatSlice slice) {
        storeOwned(key, slice.encode());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void putAllFloats(Map<String, FloatSlice> values) {
        values.forEach((key, slice) -> storeOwned(key, slice.encode()));
    }

    @Override
    public CompletableFuture<int[]> readFloatsAsync(List<String> keys, List<FloatSlice> targets) {
        int[] counts = new int[keys.size()];
        try {
            for (int i = 0; i < counts.length; i++) {
                check(keys.get(i));
                Entry entry = live(keys.get(i));
                counts[i] = entry == null ? -1 : FloatCodec.readInto(ByteBuffer.wrap(entry.value()), targets.get(i));
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.completedFuture(counts);
    }

    @Override
    public int[] awaitFloats(List<String> keys, List<FloatSlice> targets, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int[] counts = new int[keys.size()];
        for (int i = 0; i < counts.length; i++) {
            byte[] stored = awaitStored(keys.get(i), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            counts[i] = FloatCodec.readInto(ByteBuffer.wrap(stored), targets.get(i));
        }
        return counts;
    }

    /** The stored array itself, not a copy: for callers that only read it. */
    private byte[] awaitStored(String key, Duration timeout) {
        check(key);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Entry entry = live(key);
            if (entry != null) {
                return entry.value();
            }
            Waiters mine = waiters.compute(key, (k, current) -> {
                Waiters w = current == null ? new Waiters() : current;
                w.count++;
                return w;
            });
            try {
                entry = live(key);
                if (entry != null) {
                    return entry.value();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ChannelTimeoutException(name + ": key '" + key + "' did not appear within "
                            + timeout.toMillis() + " ms");
                }
                long blocked = System.nanoTime();
                try {
                    mine.signal.get(left, TimeUnit.NANOSECONDS);
                } finally {
                    WaitRecorder.blockedSince(blocked);
                }
            } catch (TimeoutException e) {
                // loop once more: the check above reports the timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChannelException(name + ": interrupted while waiting for key '" + key + "'", e);
            } catch (ExecutionException e) {
                throw new ChannelException(name + ": " + e.getCause().getMessage(), e.getCause());
            } finally {
                waiters.computeIfPresent(key, (k, current) -> current == mine && --current.count == 0 ? null : current);
            }
        }
    }

    @Override
    public void delete(String key) {
        check(key);
        entries.remove(key);
    }

    @Override
    public List<String> list(String prefix) {
        ensureOpen();
        long now = System.nanoTime();
        List<String> keys = new ArrayList<>();
        entries.forEach((k, e) -> {
            if (k.startsWith(prefix) && !e.expired(now)) {
                keys.add(k);
            }
        });
        return keys;
    }

    @Override
    public long increment(String key, long delta) {
        check(key);
        long now = System.nanoTime();
        long[] result = new long[1];
        entries.compute(key, (k, old) -> {
            long current = old == null || old.expired(now) ? 0 : CounterValue.decode(name, key, old.value());
            result[0] = current + delta;
            return new Entry(CounterValue.encode(result[0]), old == null || old.expired(now) ? 0 : old.expiresAtNanos());
        });
        wake(key);
        return result[0];
    }

    @Override
    public String describe() {
        return name;
    }

    /** Number of live keys; for tests and diagnostics. */
    public int size() {
        return list("").size();
    }

    /** Number of keys some thread is waiting for; for tests of the wake-up bookkeeping. */
    int waitedKeys() {
        return waiters.size();
    }

    @Override
    public void close() {
        closed = true;
        ChannelException closing = new ChannelException(name + " was closed while a worker waited on it");
        waiters.values().forEach(w -> w.signal.completeExceptionally(closing));
        waiters.clear();
    }

    private void store(String key, byte[] value, long expiresAtNanos) {
        check(key);
        Objects.requireNonNull(value, "value");
        entries.put(key, new Entry(value.clone(), expiresAtNanos));
        wake(key);
    }

    /** Stores an array nobody else holds (freshly encoded), without copying it. */
    private void storeOwned(String key, byte[] value) {
        check(key);
        entries.put(key, new Entry(value, 0));
        wake(key);
    }

    private void wake(String key) {
        Waiters waiting = waiters.remove(key);
        if (waiting != null) {
            waiting.signal.complete(null);
        }
    }

    private Entry live(String key) {
        Entry entry = entries.get(key);
        if (entry != null && entry.expired(System.nanoTime())) {
            entries.remove(key, entry);
            return null;
        }
        return entry;
    }

    private static long deadline(Duration ttl) {
        long at = System.nanoTime() + ttl.toNanos();
        return at == 0 ? 1 : at;
    }

    private static void requirePositive(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
    }

    private void check(String key) {
        ensureOpen();
        Objects.requireNonNull(key, "key");
    }

    private void ensureOpen() {
        if (closed) {
            throw new ChannelException(name + " is closed");
        }
    }
}
