package dev.cumulus.channel.redis;

import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.ChannelOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The pub/sub side of a {@link RedisChannel}: one subscriber connection, opened on the first wait,
 * shared by every waiting thread; each waited-for key is subscribed once however many threads wait
 * for it, and unsubscribed when the last stops waiting.
 */
final class PutNotifications implements AutoCloseable {
    private static final String PREFIX = "cumulus:put:";
    private static final Duration MAX_POLL = Duration.ofMillis(50);

    private final RedisClient client;
    private final RedisCodec<String, byte[]> codec;
    private final String channelPrefix;
    private final String store;
    private final ChannelOptions options;
    private final Map<String, Entry> entries = new HashMap<>();
    private StatefulRedisPubSubConnection<String, byte[]> connection;
    private volatile boolean enabled = true;
    private boolean closed;

    private static final class Entry {
        int holders;
        CompletableFuture<Void> current = new CompletableFuture<>();
        final CompletableFuture<Boolean> subscribed = new CompletableFuture<>();
    }

    PutNotifications(RedisClient client, RedisCodec<String, byte[]> codec, int database, String store,
            ChannelOptions options) {
        this.client = client;
        this.codec = codec;
        this.channelPrefix = PREFIX + database + ":";
        this.store = store;
        this.options = options;
    }

    String channelOf(String key) {
        return channelPrefix + key;
    }

    boolean enabled() {
        return enabled;
    }

    /** Starts listening for puts of {@code key}; close the subscription when done waiting. */
    Subscription subscribe(String key) {
        if (!enabled) {
            return new Subscription(null, null, false);
        }
        String channel = channelOf(key);
        Entry entry;
        boolean first;
        synchronized (this) {
            if (closed) {
                throw new ChannelException(store + " is closed");
            }
            entry = entries.computeIfAbsent(channel, c -> new Entry());
            first = entry.holders++ == 0;
        }
        if (first) {
            entry.subscribed.complete(sendSubscribe(channel));
        }
        boolean active;
        try {
            active = entry.subscribed.get(options.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(channel, entry);
            throw new ChannelException(store + ": interrupted while subscribing", e);
        } catch (ExecutionException | TimeoutException e) {
            active = false;
        }
        return new Subscription(channel, entry, active);
    }

    private boolean sendSubscribe(String channel) {
        try {
            connection().sync().subscribe(channel);
            return true;
        } catch (RuntimeException e) {
            if (RedisChannel.refusal(e) != null) {
                // the ACL forbids pub/sub: wait by polling from now on
                enabled = false;
            }
            return false;
        }
    }

    private synchronized StatefulRedisPubSubConnection<String, byte[]> connection() {
        if (connection == null) {
            connection = client.connectPubSub(codec);
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, byte[] message) {
                    wake(channel);
                }
            });
        }
        return connection;
    }

    private void wake(String channel) {
        CompletableFuture<Void> done;
        synchronized (this) {
            Entry entry = entries.get(channel);
            if (entry == null) {
                return;
            }
            done = entry.current;
            entry.current = new CompletableFuture<>();
        }
        done.complete(null);
    }

    private void release(String channel, Entry entry) {
        boolean last;
        synchronized (this) {
            last = --entry.holders == 0;
            if (last) {
                entries.remove(channel);
            }
        }
        if (last && connection != null && Boolean.TRUE.equals(entry.subscribed.getNow(false))) {
            connection.async().unsubscribe(channel);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        ChannelException closing = new ChannelException(store + " was closed while a worker waited on it");
        entries.values().forEach(e -> e.current.completeExceptionally(closing));
        entries.clear();
        if (connection != null) {
            connection.close();
        }
    }

    /** A wake-up that a waiter took before reading the key, so a put in between is not missed. */
    static final class Signal {
        private final CompletableFuture<Void> future;

        Signal(CompletableFuture<Void> future) {
            this.future = future;
        }

        void await(Duration pause) {
            try {
                if (future == null) {
                    Thread.sleep(Math.max(1, pause.toMillis()));
                } else {
                    future.get(pause.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (TimeoutException e) {
                // time to re-read the key
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChannelException("interrupted while waiting", e);
            } catch (ExecutionException e) {
                throw new ChannelException(e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /** One thread's interest in one key. */
    final class Subscription implements AutoCloseable {
        private final String channel;
        private final Entry entry;
        private final boolean active;
        private Duration pollingPause = Duration.ofMillis(1);

        private Subscription(String channel, Entry entry, boolean active) {
            this.channel = channel;
            this.entry = entry;
            this.active = active;
        }

        /** Whether puts wake this waiter (otherwise it polls). */
        boolean notified() {
            return active;
        }

        Signal next() {
            if (!active) {
                return new Signal(null);
            }
            synchronized (PutNotifications.this) {
                return new Signal(entry.current);
            }
        }

        /** The pause before the next read when polling; grows from 1 ms to 50 ms. */
        Duration pollingPause() {
            Duration pause = pollingPause;
            pollingPause = pollingPause.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : pollingPause.multipliedBy(2);
            return pause;
        }

        @Override
        public void close() {
            if (entry != null) {
                release(channel, entry);
            }
        }
    }
}
