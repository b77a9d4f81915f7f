package dev.cumulus.channel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A key-value store through which stateless workers exchange every byte they share.
 *
 * <p>Workers never talk to each other directly; a protocol knows storage only through this
 * contract, so the same collective runs unchanged on memory, a directory, Redis, Memcached, S3
 * or DynamoDB. Keys are printable ASCII without spaces, at most 200 characters; keys starting with
 * {@code ~} are reserved for the channels themselves. Values are opaque bytes; a value larger than the backend's item limit is split
 * and reassembled by the implementation, and a reader never observes a partially written value.
 * Every blocking call has a timeout; implementations are thread-safe.
 */
public interface Channel extends AutoCloseable {

    /** Stores {@code value} under {@code key}, replacing any previous value. */
    void put(String key, byte[] value);

    /** Stores {@code value} under {@code key}; the key disappears after {@code ttl} (heartbeats). */
    void put(String key, byte[] value, Duration ttl);

    /** Stores the value only if the key is absent; returns whether it was stored. */
    boolean putIfAbsent(String key, byte[] value);

    /** The value under {@code key}, or empty if there is none. */
    Optional<byte[]> get(String key);

    /**
     * Waits until {@code key} exists and returns its value.
     *
     * @throws ChannelTimeoutException if the key did not appear within {@code timeout}
     */
    byte[] await(String key, Duration timeout);

    /** Removes the key (and every part of a split value); absent keys are ignored. */
    void delete(String key);

    /**
     * Stores every value of {@code values}, each under its key, as {@link #put(String, byte[])}
     * would; a store that can pipeline writes them in one exchange. Not atomic as a whole.
     */
    default void putAll(java.util.Map<String, byte[]> values) {
        values.forEach(this::put);
    }

    /** Removes every key of {@code keys}, as {@link #delete} would; a store that can batches the removal. */
    default void deleteAll(java.util.Collection<String> keys) {
        keys.forEach(this::delete);
    }

    /** Every key that starts with {@code prefix}, in no particular order. */
    List<String> list(String prefix);

    /** Atomically adds {@code delta} to the counter under {@code key} (absent = 0) and returns the new value. */
    long increment(String key, long delta);

    /** A short description for logs and reports, such as {@code redis://127.0.0.1:6379}; never a password. */
    String describe();

    @Override
    void close();
}
