package dev.cumulus.channel.memory;

import dev.cumulus.channel.Channel;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The named in-memory stores of this process: every {@code memory:NAME} opened in one JVM sees the
 * same data, so workers that each open the job's channel URI still meet. A store lives while at
 * least one handle to it is open.
 */
public final class MemoryChannels {
    private static final Map<String, MemoryChannel> STORES = new HashMap<>();
    private static final Map<String, Integer> HANDLES = new HashMap<>();

    private MemoryChannels() {
    }

    /** A handle on the store called {@code name}; closing it releases the store once every handle is closed. */
    public static synchronized Channel open(String name) {
        MemoryChannel store = STORES.computeIfAbsent(name, n -> new MemoryChannel("memory:" + n));
        HANDLES.merge(name, 1, Integer::sum);
        return new Handle(name, store);
    }

    private static synchronized void release(String name) {
        int left = HANDLES.merge(name, -1, Integer::sum);
        if (left <= 0) {
            HANDLES.remove(name);
            STORES.remove(name).close();
        }
    }

    private static final class Handle implements Channel {
        private final String name;
        private final MemoryChannel store;
        private final AtomicBoolean closed = new AtomicBoolean();

        Handle(String name, MemoryChannel store) {
            this.name = name;
            this.store = store;
        }

        @Override public void put(String key, byte[] value) { store.put(key, value); }
        @Override public void putOwned(String key, byte[] value) { store.putOwned(key, value); }
        @Override public void put(String key, byte[] value, Duration ttl) { store.put(key, value, ttl); }
        @Override public boolean putIfAbsent(String key, byte[] value) { return store.putIfAbsent(key, value); }
        @Override public Optional<byte[]> get(String key) { return store.get(key); }
        @Override public byte[] await(String key, Duration timeout) { return store.await(key, timeout); }
        @Override public byte[] awaitShared(String key, Duration timeout) { return store.awaitShared(key, timeout); }
        @Override public void delete(String key) { store.delete(key); }
        @Override public List<String> list(String prefix) { return store.list(prefix); }
        @Override public long increment(String key, long delta) { return store.increment(key, delta); }
        @Override public String describe() { return store.describe(); }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(name);
            }
        }
    }
}
