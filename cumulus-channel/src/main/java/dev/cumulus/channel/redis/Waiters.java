package dev.cumulus.channel.redis;

import dev.cumulus.channel.ChannelException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The connections a {@link RedisChannel} waits on (see {@link Bells}), one per thread waiting at
 * the same time: a blocked XREAD holds its connection, so a wait on the channel's own connection
 * would hold up every other request of the channel, and two waits sharing one would be served one
 * after the other. Opened on the first wait and kept for the next ones. Their client has no
 * command timeout of its own: a blocked read is meant to go unanswered for a while, and the
 * waiter bounds it with its deadline instead (a connection whose wait went past it is closed, as
 * its requests may still be queued in the server). Nor does it reconnect: a connection that
 * breaks fails the wait on it at once, instead of keeping its requests for a server that may not
 * come back, and the wait's retry opens a new one.
 */
final class Waiters implements AutoCloseable {
    private final String store;
    private final RedisClient client;
    private final RedisCodec<String, byte[]> codec;
    private final ArrayDeque<StatefulRedisConnection<String, byte[]>> idle = new ArrayDeque<>();
    private final List<StatefulRedisConnection<String, byte[]>> open = new ArrayList<>();
    private boolean closed;

    Waiters(String store, RedisURI uri, ClientOptions options, RedisCodec<String, byte[]> codec) {
        this.store = store;
        this.client = RedisClient.create(SharedResources.acquire(), uri);
        client.setOptions(options.mutate().autoReconnect(false)
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build()).build());
        this.codec = codec;
    }

    /** An idle connection, or a new one; give it back with {@link #release}. */
    StatefulRedisConnection<String, byte[]> take() {
        synchronized (this) {
            if (closed) {
                throw new ChannelException(store + " was closed while a worker waited on it");
            }
            for (StatefulRedisConnection<String, byte[]> connection = idle.poll(); connection != null; connection = idle.poll()) {
                if (connection.isOpen()) {
                    return connection;
                }
                open.remove(connection);
                connection.closeAsync();
            }
        }
        StatefulRedisConnection<String, byte[]> connection = client.connect(codec);
        synchronized (this) {
            if (closed) {
                connection.closeAsync();
                throw new ChannelException(store + " was closed while a worker waited on it");
            }
            open.add(connection);
        }
        return connection;
    }

    /** Gives a connection back: for the next wait if {@code reusable}, closed otherwise. */
    void release(StatefulRedisConnection<String, byte[]> connection, boolean reusable) {
        synchronized (this) {
            if (reusable && !closed) {
                idle.push(connection);
                return;
            }
            open.remove(connection);
        }
        connection.closeAsync();
    }

    @Override
    public void close() {
        List<StatefulRedisConnection<String, byte[]>> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(open);
            open.clear();
            idle.clear();
        }
        // Outside the lock: closing waits for the event loop, which may be completing a wait.
        all.forEach(StatefulRedisConnection::close);
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        SharedResources.release();
    }
}
