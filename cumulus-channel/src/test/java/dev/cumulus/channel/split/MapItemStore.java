package dev.cumulus.channel.split;

import dev.cumulus.channel.CorruptValueException;
import dev.cumulus.channel.CounterValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An item store held in a map with a deliberately small item limit, so that the splitting logic is
 * exercised with hundreds of parts and its leftovers can be counted.
 */
final class MapItemStore implements ItemStore {
    private record Item(byte[] bytes, long expiresAtMillis) {
        boolean live(long now) {
            return expiresAtMillis == 0 || expiresAtMillis > now;
        }
    }

    private final int maxItemBytes;
    private final ConcurrentHashMap<String, Item> items = new ConcurrentHashMap<>();

    MapItemStore(int maxItemBytes) {
        this.maxItemBytes = maxItemBytes;
    }

    /** Every key held, parts included. */
    List<String> allKeys() {
        return new ArrayList<>(items.keySet());
    }

    @Override public String describe() { return "map-items"; }
    @Override public int maxItemBytes() { return maxItemBytes; }

    @Override
    public void write(String key, byte[] item, Duration ttl) {
        if (item.length > maxItemBytes) {
            throw new IllegalStateException("item of " + item.length + " bytes exceeds " + maxItemBytes);
        }
        items.put(key, new Item(item.clone(), ttl == null ? 0 : System.currentTimeMillis() + ttl.toMillis()));
    }

    @Override
    public boolean writeIfAbsent(String key, byte[] item, Duration ttl) {
        long now = System.currentTimeMillis();
        Item fresh = new Item(item.clone(), ttl == null ? 0 : now + ttl.toMillis());
        boolean[] stored = {false};
        items.compute(key, (k, old) -> {
            if (old == null || !old.live(now)) {
                stored[0] = true;
                return fresh;
            }
            return old;
        });
        return stored[0];
    }

    @Override
    public Optional<byte[]> read(String key) {
        Item item = items.get(key);
        return item == null || !item.live(System.currentTimeMillis()) ? Optional.empty() : Optional.of(item.bytes().clone());
    }

    @Override
    public void remove(String key) {
        items.remove(key);
    }

    @Override
    public List<String> keys(String prefix) {
        long now = System.currentTimeMillis();
        List<String> keys = new ArrayList<>();
        items.forEach((k, v) -> {
            if (k.startsWith(prefix) && v.live(now)) {
                keys.add(k);
            }
        });
        return keys;
    }

    @Override
    public long increment(String key, long delta) {
        long[] result = new long[1];
        items.compute(key, (k, old) -> {
            long current = 0;
            if (old != null && old.live(System.currentTimeMillis())) {
                if (old.bytes().length == 0 || old.bytes()[0] != 0) {
                    throw new CorruptValueException("map-items: key '" + key + "' is not a counter");
                }
                current = CounterValue.decode("map-items", key, ItemFrame.inlineValue(old.bytes()));
            }
            result[0] = current + delta;
            return new Item(ItemFrame.inline(CounterValue.encode(result[0])), 0);
        });
        return result[0];
    }

    @Override
    public void close() {
        items.clear();
    }
}
