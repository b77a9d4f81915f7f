package dev.cumulus.channel.memcached;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.ChannelTimeoutException;
import dev.cumulus.channel.PollingWait;
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
 * memory ({@code -m}) for a round's vectors, or a reader reports a value whose parts were evicted,
 * and a waiting reader that sees the servers evict unread values gives up soon after, saying so.
 * A counter's time to live is dropped by the first increment. Keys are listed by the crawler's
 * walk of the hash table ({@code lru_crawler metadump hash}), which is no snapshot: a key written
 * during the listing may be missed (see {@link MemcachedItems} for why not the LRU walk).
 */
public final class MemcachedChannel implements Channel {
    /** How often a wait asks the servers whether they evicted values nobody had read. */
    private static final Duration EVICTION_CHECK = Duration.ofMillis(500);
    /** How much longer a wait goes on once the servers evicted unread values during it. */
    static final Duration AFTER_EVICTION = Duration.ofSeconds(2);
    private static final Duration MAX_POLL_PAUSE = Duration.ofMillis(20);

    private final MemcachedItems items;
    private final SplittingChannel channel;
    private final PollingWait polling = new PollingWait(MAX_POLL_PAUSE);

    /** Connects; a server that cannot be reached is reported after the configured retries. */
    public MemcachedChannel(MemcachedSettings settings) {
        this.items = new MemcachedItems(settings);
        this.channel = new SplittingChannel(items, MAX_POLL_PAUSE);
    }

    @Override public void put(String key, byte[] value) { channel.put(key, value); }
    @Override public void put(String key, byte[] value, Duration ttl) { channel.put(key, value, ttl); }
    @Override public boolean putIfAbsent(String key, byte[] value) { return channel.putIfAbsent(key, value); }
    @Override public Optional<byte[]> get(String key) { return channel.get(key); }

    /**
     * Waits for the key as a polling store does, and watches the servers' count of items evicted
     * before anyone read them ({@code stats evicted_unfetched}). Every value a channel writes is
     * there to be read, so when that count rises during the wait the value waited for may be among
     * them and will never appear: the wait then goes on for at most {@link #AFTER_EVICTION} more
     * and fails with a {@link ChannelException} that says so, rather than holding a worker for
     * its whole timeout to report a key that "did not appear".
     */
    @Override
    public byte[] await(String key, Duration timeout) {
        long start = System.nanoTime();
        Optional<byte[]> there = channel.get(key);
        if (there.isPresent()) {
            // most waits of a round find their value at once: no stats request for them
            return there.get();
        }
        long deadline = start + timeout.toNanos();
        long giveUpAt = deadline;
        Optional<MemcachedItems.Evictions> before = items.evictions();
        Optional<MemcachedItems.Evictions> now = before;
        long nextCheck = start + EVICTION_CHECK.toNanos();
        PollingWait.Backoff backoff = polling.backoff();
        while (true) {
            Optional<byte[]> value = channel.get(key);
            if (value.isPresent()) {
                return value.get();
            }
            long at = System.nanoTime();
            if (at - nextCheck >= 0 || at - giveUpAt >= 0) {
                now = items.evictions();
                nextCheck = at + EVICTION_CHECK.toNanos();
                if (evictedSince(before, now) > 0 && giveUpAt == deadline) {
                    giveUpAt = Math.min(deadline, at + AFTER_EVICTION.toNanos());
                }
            }
            if (at - giveUpAt >= 0) {
                long evicted = evictedSince(before, now);
                if (evicted > 0) {
                    throw new ChannelException(describe() + ": key '" + key + "' did not appear within "
                            + Duration.ofNanos(at - start).toMillis() + " ms, and meanwhile the servers evicted " + evicted
                            + " values nobody had read (stats evicted_unfetched): it was most likely written and "
                            + "evicted. Give memcached more memory than its " + now.get().memoryBytes() / (1024 * 1024)
                            + " MB (-m), enough for a round's values");
                }
                throw new ChannelTimeoutException(describe() + ": key '" + key + "' did not appear within "
                        + timeout.toMillis() + " ms");
            }
            backoff.sleep(giveUpAt - at, describe() + ": interrupted while waiting for key '" + key + "'");
        }
    }

    private static long evictedSince(Optional<MemcachedItems.Evictions> before, Optional<MemcachedItems.Evictions> now) {
        if (before.isEmpty() || now.isEmpty()) {
            return 0;
        }
        return Math.max(0, now.get().unread() - before.get().unread());
    }

    @Override public void delete(String key) { channel.delete(key); }
    @Override public List<String> list(String prefix) { return channel.list(prefix); }
    @Override public long increment(String key, long delta) { return channel.increment(key, delta); }
    @Override public String describe() { return channel.describe(); }
    @Override public void close() { channel.close(); }
}
