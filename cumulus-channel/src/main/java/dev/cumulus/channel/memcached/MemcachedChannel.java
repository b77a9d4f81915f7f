package dev.cumulus.channel.memcached;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.split.SplittingChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A channel on one or more Memcached servers (1.5 or later), through spymemcached.
 *
 * <p>Values above the item limit (1 MB by default) are split into parts and published atomically
 * by a manifest (see {@link SplittingChannel}). Memcached cannot notify, so a waiting worker reads
 * the key with a backoff from 1 ms to 20 ms. Memcached may evict items when full: give it enough
 * memory ({@code -m}) for a round's vectors, or a reader reports a value whose parts were evicted.
 * A counter's time to live is dropped by the first increment. Keys are listed with the LRU
 * crawler ({@code lru_crawler metadump all}), which is no snapshot: it is run twice and the union
 * taken, but a key written during the listing can still be missed.
 */
public final class MemcachedChannel implements Channel {
    private final SplittingChannel channel;

    /** Connects; a server that cannot be reached is reported after the configured retries. */
    public MemcachedChannel(MemcachedSettings settings) {
        this.channel = new SplittingChannel(new MemcachedItems(settings), Duration.ofMillis(20));
    }

    @Override public void put(String key, byte[] value) { channel.put(key, value); }
    @Override public void put(String key, byte[] value, Duration ttl) { channel.put(key, value, ttl); }
    @Override public boolean putIfAbsent(String key, byte[] value) { return channel.putIfAbsent(key, value); }
    @Override public Optional<byte[]> get(String key) { return channel.get(key); }
    @Override public byte[] await(String key, Duration timeout) { return channel.await(key, timeout); }
    @Override public void delete(String key) { channel.delete(key); }
    @Override public List<String> list(String prefix) { return channel.list(prefix); }
    @Override public long increment(String key, long delta) { return channel.increment(key, delta); }
    @Override public String describe() { return channel.describe(); }
    @Override public void close() { channel.close(); }
}
