package dev.cumulus.channel.split;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.CorruptValueException;
import dev.cumulus.channel.PollingWait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link Channel} over an {@link ItemStore} with an item size limit: a value that fits is one
 * item; a larger one is cut into parts written first, then published by writing a small manifest
 * under the key, so a reader sees the old value or the new one, never half of one.
 *
 * <p>An overwrite removes the parts of the value it replaced after publishing the new manifest; a
 * reader that loses that race (a part vanished under it) reads the key again. A delete removes
 * the manifest before the parts. Two writers that overwrite one key at the same instant can leave
 * the parts of one old value behind (they expire with it when it had a time to live). Keys that
 * start with {@code ~} are reserved for the parts.
 */
public final class SplittingChannel implements Channel {
    private static final int MAX_READ_ATTEMPTS = 8;

    private final ItemStore store;
    private final int partBytes;
    private final PollingWait polling;

    /**
     * @param store       the item store, owned (closed) by this channel
     * @param maxPollWait longest pause between two reads while waiting for a key
     */
    public SplittingChannel(ItemStore store, Duration maxPollWait) {
        this.store = Objects.requireNonNull(store, "store");
        this.partBytes = store.maxItemBytes() - 1;
        if (partBytes < 64) {
            throw new IllegalArgumentException(store.describe() + ": items of " + store.maxItemBytes()
                    + " bytes are too small to split into");
        }
        this.polling = new PollingWait(maxPollWait);
    }

    /** The largest value stored as one item; larger values are split. */
    public int largestUnsplitValue() {
        return partBytes;
    }

    @Override
    public void put(String key, byte[] value) {
        write(key, value, null);
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        write(key, value, ttl);
    }

    private void write(String key, byte[] value, Duration ttl) {
        check(key);
        if (value.length <= partBytes) {
            Optional<ItemFrame.Manifest> old = manifestOf(key);
            store.write(key, ItemFrame.inline(value), ttl);
            old.ifPresent(this::removeParts);
            return;
        }
        ItemFrame.Manifest manifest = writeParts(value, ttl);
        Optional<ItemFrame.Manifest> old = manifestOf(key);
        store.write(key, manifest.encode(), ttl);
        old.ifPresent(this::removeParts);
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value) {
        check(key);
        if (value.length <= partBytes) {
            return store.writeIfAbsent(key, ItemFrame.inline(value), null);
        }
        ItemFrame.Manifest manifest = writeParts(value, null);
        boolean stored;
        try {
            stored = store.writeIfAbsent(key, manifest.encode(), null);
        } catch (RuntimeException e) {
            removeParts(manifest);
            throw e;
        }
        if (!stored) {
            removeParts(manifest);
        }
        return stored;
    }

    @Override
    public Optional<byte[]> get(String key) {
        check(key);
        for (int attempt = 1; ; attempt++) {
            Optional<byte[]> item = store.read(key);
            if (item.isEmpty()) {
                return Optional.empty();
            }
            if (ItemFrame.isInline(store.describe(), key, item.get())) {
                return Optional.of(ItemFrame.inlineValue(item.get()));
            }
            ItemFrame.Manifest manifest = ItemFrame.Manifest.decode(store.describe(), key, item.get());
            Optional<byte[]> value = assemble(key, manifest);
            if (value.isPresent()) {
                return value;
            }
            Optional<byte[]> now = store.read(key);
            if (now.isPresent() && now.get().length == item.get().length && java.util.Arrays.equals(now.get(), item.get())) {
                throw new ChannelException(store.describe() + ": key '" + key + "' lost parts of its value "
                        + "(evicted by the store? Give it more memory) while its manifest is still there");
            }
            if (attempt >= MAX_READ_ATTEMPTS) {
                throw new ChannelException(store.describe() + ": key '" + key + "' changed under " + attempt
                        + " reads in a row; too many concurrent writers");
            }
        }
    }

    private Optional<byte[]> assemble(String key, ItemFrame.Manifest manifest) {
        List<String> partKeys = new ArrayList<>(manifest.parts());
        for (int i = 0; i < manifest.parts(); i++) {
            partKeys.add(manifest.partKey(i));
        }
        Map<String, byte[]> parts = store.readAll(partKeys);
        if (parts.size() < partKeys.size()) {
            return Optional.empty();
        }
        if (manifest.length() > Integer.MAX_VALUE - 16) {
            throw new CorruptValueException(store.describe() + ": key '" + key + "' is " + manifest.length()
                    + " bytes, more than a Java array holds");
        }
        byte[] value = new byte[(int) manifest.length()];
        int at = 0;
        for (String partKey : partKeys) {
            byte[] part = parts.get(partKey);
            if (at + part.length > value.length) {
                throw new CorruptValueException(store.describe() + ": parts of key '" + key + "' exceed the "
                        + manifest.length() + " bytes its manifest announces");
            }
            System.arraycopy(part, 0, value, at, part.length);
            at += part.length;
        }
        if (at != value.length) {
            throw new CorruptValueException(store.describe() + ": parts of key '" + key + "' hold " + at
                    + " bytes, its manifest announces " + manifest.length());
        }
        return Optional.of(value);
    }

    @Override
    public byte[] await(String key, Duration timeout) {
        check(key);
        return polling.await(store.describe(), key, timeout, () -> get(key));
    }

    @Override
    public void delete(String key) {
        check(key);
        Optional<ItemFrame.Manifest> old = manifestOf(key);
        store.remove(key);
        old.ifPresent(this::removeParts);
    }

    @Override
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        for (String key : store.keys(prefix)) {
            if (!key.startsWith(ItemFrame.PART_PREFIX)) {
                keys.add(key);
            }
        }
        return keys;
    }

    @Override
    public long increment(String key, long delta) {
        check(key);
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

    private ItemFrame.Manifest writeParts(byte[] value, Duration ttl) {
        int count = (value.length + partBytes - 1) / partBytes;
        ItemFrame.Manifest manifest = new ItemFrame.Manifest(UUID.randomUUID(), count, value.length);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int from = i * partBytes;
            parts.put(manifest.partKey(i), java.util.Arrays.copyOfRange(value, from, Math.min(value.length, from + partBytes)));
        }
        try {
            store.writeAll(parts, ttl);
        } catch (RuntimeException e) {
            removeParts(manifest);
            throw e;
        }
        return manifest;
    }

    private Optional<ItemFrame.Manifest> manifestOf(String key) {
        Optional<byte[]> item = store.read(key);
        if (item.isEmpty() || item.get().length == 0 || item.get()[0] != ItemFrame.MANIFEST) {
            return Optional.empty();
        }
        return Optional.of(ItemFrame.Manifest.decode(store.describe(), key, item.get()));
    }

    private void removeParts(ItemFrame.Manifest manifest) {
        for (int i = 0; i < manifest.parts(); i++) {
            try {
                store.remove(manifest.partKey(i));
            } catch (ChannelException e) {
                // a part left behind wastes space but never corrupts a value: parts are found only through a manifest
            }
        }
    }

    private static void check(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must be a non-empty string, got " + key);
        }
        if (key.startsWith("~")) {
            throw new IllegalArgumentException("key '" + key + "' starts with '~', which is reserved for the channel's parts");
        }
    }
}
