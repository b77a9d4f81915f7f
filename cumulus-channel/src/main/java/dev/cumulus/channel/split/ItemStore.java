package dev.cumulus.channel.split;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The item operations of a store that caps the size of one item (Memcached's 1 MB, DynamoDB's
 * 400 KB); {@link SplittingChannel} builds a full {@link dev.cumulus.channel.Channel} on top.
 *
 * <p>Implementations retry failed requests themselves and report failures as
 * {@link dev.cumulus.channel.ChannelException}s naming the store and the operation.
 */
public interface ItemStore extends AutoCloseable {

    /** The store for logs, never with a password. */
    String describe();

    /** The largest item, in bytes, that {@link #write} accepts. */
    int maxItemBytes();

    /** Stores {@code item}; it expires after {@code ttl}, or never when {@code ttl} is null. */
    void write(String key, byte[] item, Duration ttl);

    /** Stores several items, in any order; the default writes them one by one. */
    default void writeAll(Map<String, byte[]> items, Duration ttl) {
        items.forEach((key, item) -> write(key, item, ttl));
    }

    /** Stores {@code item} only if {@code key} is absent (or expired); returns whether it did. */
    boolean writeIfAbsent(String key, byte[] item, Duration ttl);

    /** The item under {@code key}, or empty. */
    Optional<byte[]> read(String key);

    /** The items present among {@code keys}; the default reads them one by one. */
    default Map<String, byte[]> readAll(List<String> keys) {
        Map<String, byte[]> items = new LinkedHashMap<>();
        for (String key : keys) {
            read(key).ifPresent(item -> items.put(key, item));
        }
        return items;
    }

    /** Removes {@code key}; absent keys are ignored. */
    void remove(String key);

    /** Every live key starting with {@code prefix}. */
    List<String> keys(String prefix);

    /**
     * Atomically adds {@code delta} to the counter under {@code key} (absent = 0), whose item is
     * {@link ItemFrame#inline} of its decimal digits, and returns the new value.
     *
     * @throws dev.cumulus.channel.CorruptValueException if the key holds something else
     */
    long increment(String key, long delta);

    @Override
    void close();
}
