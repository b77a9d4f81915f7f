package dev.cumulus.channel.dynamodb;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.split.SplittingChannel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A channel on a DynamoDB table (or a DynamoDB-compatible endpoint), through the AWS SDK v2.
 *
 * <p>An item holds at most 400 KB, so larger values are split into parts written in batches and
 * published atomically by a manifest (see {@link SplittingChannel}). Put-if-absent is a
 * conditional put; increment is an atomic {@code ADD}. DynamoDB cannot notify, so a waiting worker
 * reads the key (strongly consistent) with a backoff from 1 ms up to {@code pollMillis}. A time to
 * live is kept in the item and honoured on every read. The table is created with on-demand
 * capacity when missing (unless {@code createTable=false}).
 */
public final class DynamoDbChannel implements Channel {
    private final SplittingChannel channel;

    /** Connects, and creates the table when it is missing and the settings allow it. */
    public DynamoDbChannel(DynamoDbSettings settings) {
        this.channel = new SplittingChannel(new DynamoDbItems(settings), settings.maxPollWait());
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
