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

    /**
     * {@link #put}, the caller handing {@code value} over: it never reads or changes the array again,
     * so a store that keeps values in this JVM may keep this one as it is instead of a copy (the
     * in-memory channel, staging 116 MB of chunks). The default is {@link #put}.
     */
    default void putOwned(String key, byte[] value) {
        put(key, value);
    }

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

    /**
     * {@link #await} for a caller that only reads the value: a store that keeps values in this JVM
     * may hand over the array it holds instead of a copy (the in-memory channel, a worker loading its
     * 58 MB chunk), so the caller must never change it. The default is {@link #await}.
     */
    default byte[] awaitShared(String key, Duration timeout) {
        return await(key, timeout);
    }

    /**
     * Waits until every key of {@code keys} exists and returns their values, in the order of the
     * keys. A store that can fetches each value as soon as it is there and several at once (one
     * exchange for all that are present), so a collective waiting for N inputs pays one round trip
     * per wake-up rather than one wait per key. The default waits for the keys one by one.
     *
     * @throws ChannelTimeoutException if some key did not appear within {@code timeout} (all of
     *         the keys share that one deadline)
     */
    default List<byte[]> awaitAll(List<String> keys, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<byte[]> values = new java.util.ArrayList<>(keys.size());
        for (String key : keys) {
            values.add(await(key, Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
        }
        return values;
    }

    /**
     * Waits at most {@code timeout} for {@code key} and then reads {@code thenRead}, without
     * holding the caller: the future's list holds {@code key}'s value, null if it did not appear in
     * time, then the values of {@code thenRead} as read after it (null where absent). A caller
     * waiting on several stores at once starts one wait on each and is woken once, when the last
     * answers, instead of waiting on them one after another; a store that can sends the reads with
     * the wait, so a key put later reaches the waiter with the values written before it in one
     * round trip. A store that fails completes the future with a {@link ChannelException}. The
     * default runs {@link #await} and the reads on a thread of its own.
     */
    default java.util.concurrent.CompletableFuture<List<byte[]>> awaitThenGetAsync(String key, List<String> thenRead,
                                                                                   Duration timeout) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            List<byte[]> values = new java.util.ArrayList<>(1 + thenRead.size());
            try {
                values.add(await(key, timeout));
            } catch (ChannelTimeoutException e) {
                values.add(null);
            }
            for (String other : thenRead) {
                values.add(get(other).orElse(null));
            }
            return values;
        }, BlockingWaits.THREADS);
    }

    /**
     * Starts reading {@code keys} without waiting for any to appear: the future holds their values
     * in key order, null for a key that is absent. A store that can sends one request for all and
     * returns at once, so a collective fetches its next inputs while it sums the current ones. The
     * default reads them one by one before returning.
     */
    default java.util.concurrent.CompletableFuture<List<byte[]>> getAllAsync(List<String> keys) {
        List<byte[]> values = new java.util.ArrayList<>(keys.size());
        for (String key : keys) {
            values.add(get(key).orElse(null));
        }
        return java.util.concurrent.CompletableFuture.completedFuture(values);
    }

    /**
     * Starts reading float vectors written in {@link dev.cumulus.channel.codec.FloatCodec}'s form
     * straight into arrays, without waiting for any to appear: the value of key i goes into
     * target i when it holds exactly that target's count of floats (see
     * {@link dev.cumulus.channel.codec.FloatCodec#readInto}). The future holds, per key, the number
     * of floats its value holds, or -1 for an absent key. A store that reads values into buffers
     * of its own decodes from there, without a byte array per value; the default reads them with
     * {@link #getAllAsync} and decodes.
     */
    default java.util.concurrent.CompletableFuture<int[]> readFloatsAsync(
            List<String> keys, List<dev.cumulus.channel.codec.FloatSlice> targets) {
        return getAllAsync(keys).thenApply(values -> dev.cumulus.channel.codec.FloatCodec.readAll(values, targets));
    }

    /**
     * Waits for every key as {@link #awaitAll} does, reading each value as
     * {@link #readFloatsAsync} does; returns the number of floats each holds.
     */
    default int[] awaitFloats(List<String> keys, List<dev.cumulus.channel.codec.FloatSlice> targets,
                              Duration timeout) {
        return dev.cumulus.channel.codec.FloatCodec.readAll(awaitAll(keys, timeout), targets);
    }

    /**
     * Starts {@link #put(String, byte[])}; the future completes when the value is stored, or
     * exceptionally with a {@link ChannelException}. A store that can returns at once, so a
     * collective publishes one part while it reads the next. The default stores before returning.
     */
    default java.util.concurrent.CompletableFuture<Void> putAsync(String key, byte[] value) {
        put(key, value);
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /**
     * Starts putting a slice of a float vector in {@link dev.cumulus.channel.codec.FloatCodec}'s
     * form, as {@link #putAsync} of its encoded bytes would. A store that copies values into its
     * own buffers writes the floats there without making the byte array first; the default
     * encodes and calls {@link #putAsync}. The caller must not change the floats until the
     * future completes.
     */
    default java.util.concurrent.CompletableFuture<Void> putFloatsAsync(String key,
                                                                        dev.cumulus.channel.codec.FloatSlice slice) {
        return putAsync(key, slice.encode());
    }

    /**
     * Stores every slice of {@code values} as {@link #putAll} of their encoded bytes would; see
     * {@link #putFloatsAsync}. The default encodes them all and calls {@link #putAll}.
     */
    default void putAllFloats(java.util.Map<String, dev.cumulus.channel.codec.FloatSlice> values) {
        java.util.Map<String, byte[]> encoded = new java.util.LinkedHashMap<>();
        values.forEach((key, slice) -> encoded.put(key, slice.encode()));
        putAll(encoded);
    }

    /**
     * Starts {@link #putAllFloats}; the future completes when every value is stored, or
     * exceptionally with the {@link ChannelException} a single attempt gave (no retries: a caller
     * that must know the values are stored puts them again with {@link #putAllFloats}, which
     * retries). The caller must not change the floats until the future completes. The default
     * stores before returning.
     */
    default java.util.concurrent.CompletableFuture<Void> putAllFloatsAsync(
            java.util.Map<String, dev.cumulus.channel.codec.FloatSlice> values) {
        putAllFloats(values);
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /**
     * Starts deleting the keys of {@code replaced} that {@code values} does not hold and putting
     * {@code values}, as {@link #deleteAllAsync} and {@link #putAllFloatsAsync} do: a worker's
     * values of this round taking the place of its values of the last. The future completes when
     * both are done, or exceptionally with a {@link ChannelException} one of them gave (no
     * retries). Redis deletes the i-th replaced key just before it stores the i-th value, so that
     * the server takes what it frees again at once: a round's values all freed in one go and the
     * next round's written after them made it fault in fresh pages for most of them
     * (docs/bench/channels.md, "Round 7"). The default starts the
     * puts and then the deletion: where each is a request of its own, the values are what other
     * workers wait for.
     */
    default java.util.concurrent.CompletableFuture<Void> replaceAllFloatsAsync(List<String> replaced,
            java.util.Map<String, dev.cumulus.channel.codec.FloatSlice> values) {
        List<String> gone = replaced.stream().filter(key -> !values.containsKey(key)).toList();
        java.util.concurrent.CompletableFuture<Void> put = putAllFloatsAsync(values);
        return java.util.concurrent.CompletableFuture.allOf(put, deleteAllAsync(gone));
    }

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

    /**
     * Starts {@link #deleteAll}; the future completes when the keys are gone, or exceptionally with
     * the {@link ChannelException} a single attempt gave (no retries: a caller that must know the
     * keys are gone deletes them again with {@link #deleteAll}, which retries). A collective deletes
     * what it is done with this way, so the round trip is off its critical path. The default
     * deletes before returning.
     */
    default java.util.concurrent.CompletableFuture<Void> deleteAllAsync(java.util.Collection<String> keys) {
        deleteAll(keys);
        return java.util.concurrent.CompletableFuture.completedFuture(null);
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
