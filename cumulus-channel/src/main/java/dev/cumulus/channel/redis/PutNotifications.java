package dev.cumulus.channel.redis;

import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.ChannelOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    /**
     * Starts listening for puts of each of {@code keys}, with one SUBSCRIBE for all the channels
     * nobody listens to yet, and returns without waiting for Redis to confirm it: a waiter reads
     * its keys meanwhile, and a key it found costs no round trip for the subscription (see
     * {@link Subscription#settled}). Close each subscription when done waiting.
     */
    List<Subscription> subscribeAll(List<String> keys) {
        List<Subscription> subscriptions = new ArrayList<>(keys.size());
        StatefulRedisPubSubConnection<String, byte[]> pubSub = enabled ? connect() : null;
        if (pubSub == null) {
            keys.forEach(k -> subscriptions.add(new Subscription(null, null)));
            return subscriptions;
        }
        List<String> fresh = new ArrayList<>();
        List<Entry> freshEntries = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                throw new ChannelException(store + " is closed");
            }
            for (String key : keys) {
                String channel = channelOf(key);
                Entry entry = entries.computeIfAbsent(channel, c -> new Entry());
                if (entry.holders++ == 0) {
                    fresh.add(channel);
                    freshEntries.add(entry);
                }
                subscriptions.add(new Subscription(channel, entry));
            }
            if (!fresh.isEmpty()) {
                // Sent under the lock, so SUBSCRIBEs and UNSUBSCRIBEs of a channel reach the
                // server in the order this object decided them.
                sendSubscribe(pubSub, fresh).thenAccept(on -> freshEntries.forEach(e -> e.subscribed.complete(on)));
            }
        }
        return subscriptions;
    }

    /** The pub/sub connection, or null if it cannot be opened (waits then poll). */
    private StatefulRedisPubSubConnection<String, byte[]> connect() {
        try {
            return connection();
        } catch (RuntimeException e) {
            if (RedisChannel.refusal(e) != null) {
                enabled = false;
            }
            return null;
        }
    }

    /** Completes with whether the server confirmed the subscription. */
    private CompletableFuture<Boolean> sendSubscribe(StatefulRedisPubSubConnection<String, byte[]> pubSub,
                                                     List<String> channels) {
        CompletableFuture<Void> sent;
        try {
            // Through the asynchronous API: Lettuce's synchronous one is a reflective proxy that
            // cost more CPU per call than the round trip itself.
            sent = pubSub.async().subscribe(channels.toArray(new String[0])).toCompletableFuture();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        // No timer of our own: the client's timeout options fail a command that is not answered in
        // time (a CompletableFuture.orTimeout per wait had its scheduler thread take 8% as much CPU
        // as the waiting workers).
        return sent.handle((done, failure) -> {
            if (failure != null && RedisChannel.refusal(failure) != null) {
                // the ACL forbids pub/sub: wait by polling from now on
                enabled = false;
            }
            return failure == null;
        });
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

    /**
     * Drops one hold on each entry, and unsubscribes with one UNSUBSCRIBE the channels nobody
     * listens to any more: a ScatterReduce worker stops waiting for N-1 keys at once, and one
     * command per key cost as many writes. A channel whose SUBSCRIBE is not confirmed yet is
     * unsubscribed once it is, unless someone listens to it again by then; otherwise the server
     * would keep sending its puts for ever.
     */
    private void release(List<String> channels, List<Entry> held) {
        List<String> unused = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < channels.size(); i++) {
                Entry entry = held.get(i);
                if (--entry.holders == 0) {
                    String channel = channels.get(i);
                    entries.remove(channel);
                    if (!entry.subscribed.isDone()) {
                        entry.subscribed.thenAccept(on -> {
                            if (on) {
                                unsubscribeIfUnused(channel);
                            }
                        });
                    } else if (entry.subscribed.join()) {
                        unused.add(channel);
                    }
                }
            }
            unsubscribe(unused);
        }
    }

    private synchronized void unsubscribeIfUnused(String channel) {
        if (!entries.containsKey(channel)) {
            unsubscribe(List.of(channel));
        }
    }

    /** Sends one UNSUBSCRIBE, without waiting for it; called under the lock (see {@link #subscribeAll}). */
    private void unsubscribe(List<String> channels) {
        if (!channels.isEmpty() && connection != null && !closed) {
            connection.async().unsubscribe(channels.toArray(new String[0]));
        }
    }

    /** Closes every one of {@code subscriptions} (taken from this object), with at most one UNSUBSCRIBE. */
    void closeAll(List<Subscription> subscriptions) {
        List<String> channels = new ArrayList<>(subscriptions.size());
        List<Entry> held = new ArrayList<>(subscriptions.size());
        for (Subscription s : subscriptions) {
            if (s.entry != null) {
                channels.add(s.channel);
                held.add(s.entry);
            }
        }
        release(channels, held);
    }

    @Override
    public void close() {
        StatefulRedisPubSubConnection<String, byte[]> open;
        synchronized (this) {
            closed = true;
            ChannelException closing = new ChannelException(store + " was closed while a worker waited on it");
            entries.values().forEach(e -> e.current.completeExceptionally(closing));
            entries.clear();
            open = connection;
        }
        // Outside the lock: closing waits for the connection's event-loop thread, which may itself
        // be waiting for the lock to deliver a message or a SUBSCRIBE's confirmation.
        if (open != null) {
            open.close();
        }
    }

    /** A wake-up that a waiter took before reading the key, so a put in between is not missed. */
    static final class Signal {
        private final CompletableFuture<Void> future;

        Signal(CompletableFuture<Void> future) {
            this.future = future;
        }

        /** Whether a put has woken this signal (never, for a polling one). */
        boolean fired() {
            return future != null && future.isDone();
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

    /** Waits until any of {@code signals} fires, or {@code pause} passes; sleeps if one of them is a polling signal. */
    static void awaitAny(List<Signal> signals, Duration pause) {
        if (signals.size() == 1) {
            signals.get(0).await(pause);
            return;
        }
        CompletableFuture<?>[] futures = new CompletableFuture<?>[signals.size()];
        for (int i = 0; i < futures.length; i++) {
            if (signals.get(i).future == null) {
                signals.get(i).await(pause);
                return;
            }
            futures[i] = signals.get(i).future;
        }
        new Signal(CompletableFuture.anyOf(futures).thenApply(x -> (Void) null)).await(pause);
    }

    /** One thread's interest in one key. */
    final class Subscription {
        private final String channel;
        private final Entry entry;
        /** Set when the confirmation did not come in time: this waiter polls. */
        private boolean gaveUp;
        private Duration pollingPause = Duration.ofMillis(1);

        private Subscription(String channel, Entry entry) {
            this.channel = channel;
            this.entry = entry;
        }

        /**
         * Whether the server has answered the SUBSCRIBE (or it failed, or was never sent). Until
         * then, a read that found nothing may have run before the subscription took effect, and a
         * put in between would wake nobody: the waiter reads again once it is settled.
         */
        boolean settled() {
            return entry == null || gaveUp || entry.subscribed.isDone();
        }

        /** Waits, at most the operation timeout, for the server to answer the SUBSCRIBE. */
        void settle() {
            if (settled()) {
                return;
            }
            try {
                entry.subscribed.get(options.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChannelException(store + ": interrupted while subscribing", e);
            } catch (ExecutionException | TimeoutException e) {
                gaveUp = true;
            }
        }

        /** Whether puts wake this waiter (otherwise it polls). */
        boolean notified() {
            return entry != null && !gaveUp && Boolean.TRUE.equals(entry.subscribed.getNow(false));
        }

        /** The wake-up for the next put; a polling one once the subscription failed. */
        Signal next() {
            if (entry == null || gaveUp || Boolean.FALSE.equals(entry.subscribed.getNow(true))) {
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
    }
}
