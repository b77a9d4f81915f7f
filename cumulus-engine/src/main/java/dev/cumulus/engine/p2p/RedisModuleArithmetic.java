package dev.cumulus.engine.p2p;

import dev.cumulus.channel.ChannelOptions;
import dev.cumulus.channel.redis.RedisSettings;
import dev.cumulus.channel.redis.SharedResources;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@link StoreArithmetic} inside Redis, through the commands of Cumulus's module
 * ({@code src/main/c/cumulus_redis.c}: {@code CUMULUS.ADDF32}, {@code CUMULUS.SCALEF32},
 * {@code CUMULUS.AXPYF32}, and the fused {@code CUMULUS.MEANF32} and {@code CUMULUS.STEPF32}, one round
 * trip each), on a Lettuce connection of its own.
 */
final class RedisModuleArithmetic implements StoreArithmetic {
    private static final Command ADD = new Command("CUMULUS.ADDF32");
    private static final Command SCALE = new Command("CUMULUS.SCALEF32");
    private static final Command AXPY = new Command("CUMULUS.AXPYF32");
    private static final Command MEAN = new Command("CUMULUS.MEANF32");
    private static final Command STEP = new Command("CUMULUS.STEPF32");

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String store;

    private RedisModuleArithmetic(RedisClient client, StatefulRedisConnection<String, String> connection, String store) {
        this.client = client;
        this.connection = connection;
        this.store = store;
    }

    /**
     * The module's arithmetic on the server of {@code uri} ({@code redis://} or {@code rediss://}),
     * or empty if the server has not loaded the module or cannot be asked.
     */
    static Optional<RedisModuleArithmetic> open(String uri) {
        RedisSettings settings = RedisSettings.parse(uri, ChannelOptions.DEFAULTS);
        // The event loops every Redis channel of this JVM shares: a client of its own started one more loop
        // thread and timer per peer, which woke apart from the channels' on the round's critical path.
        RedisClient client = RedisClient.create(SharedResources.acquire(), uri(settings));
        if (settings.tls() && settings.caCertificate() != null) {
            // The CA the URI names (caCert=PEM), as the channel trusts it: else a TLS store never computes in place.
            client.setOptions(io.lettuce.core.ClientOptions.builder().sslOptions(io.lettuce.core.SslOptions.builder()
                    .jdkSslProvider().trustManager(settings.caCertificate().toFile()).build()).build());
        }
        try {
            StatefulRedisConnection<String, String> connection = client.connect();
            // The fused commands too: a server still running an older build of the module computes client-side.
            List<Object> info = connection.sync().commandInfo(ADD.keyword().toLowerCase(java.util.Locale.ROOT),
                    MEAN.keyword().toLowerCase(java.util.Locale.ROOT), STEP.keyword().toLowerCase(java.util.Locale.ROOT));
            if (info.size() < 3 || info.contains(null)) {
                connection.close();
                shutdown(client);
                return Optional.empty();
            }
            return Optional.of(new RedisModuleArithmetic(client, connection, settings.describe()));
        } catch (RuntimeException e) {
            shutdown(client);
            return Optional.empty();
        }
    }

    @Override
    public void sum(String target, List<String> keys) {
        connection.sync().del(target);
        CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).addKey(target);
        keys.forEach(args::addKey);
        connection.sync().dispatch(ADD, new IntegerOutput<>(StringCodec.UTF8), args);
    }

    @Override
    public void scale(String key, float factor) {
        connection.sync().dispatch(SCALE, new IntegerOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).addKey(key).add(exact(factor)));
    }

    @Override
    public void axpy(String w, String g, float rate) {
        connection.sync().dispatch(AXPY, new IntegerOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).addKey(w).addKey(g).add(exact(rate)));
    }

    @Override
    public void mean(String target, List<String> keys, float factor) {
        CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add(exact(factor)).addKey(target);
        keys.forEach(args::addKey);
        connection.sync().dispatch(MEAN, new IntegerOutput<>(StringCodec.UTF8), args);
    }

    @Override
    public void meanAndStep(String w, String target, List<String> keys, float factor, float rate) {
        CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add(exact(factor)).add(exact(rate))
                .addKey(w).addKey(target);
        keys.forEach(args::addKey);
        connection.sync().dispatch(STEP, new IntegerOutput<>(StringCodec.UTF8), args);
    }

    /** The float as a decimal that reads back as exactly that float (the double's shortest form). */
    private static String exact(float value) {
        return Double.toString(value);
    }

    @Override
    public boolean inStore() {
        return true;
    }

    @Override
    public String describe() {
        return "in the store (" + store + ", Cumulus's Redis module)";
    }

    @Override
    public void close() {
        connection.close();
        shutdown(client);
    }

    /** Shuts the client down and gives back its share of the shared resources. */
    private static void shutdown(RedisClient client) {
        try {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } finally {
            SharedResources.release();
        }
    }

    private static RedisURI uri(RedisSettings settings) {
        RedisURI.Builder builder = RedisURI.builder().withHost(settings.host()).withPort(settings.port())
                .withDatabase(settings.database()).withSsl(settings.tls()).withVerifyPeer(settings.verifyPeer())
                .withTimeout(settings.options().operationTimeout());
        if (settings.password() != null) {
            if (settings.user() != null) {
                builder.withAuthentication(settings.user(), settings.password());
            } else {
                builder.withPassword(settings.password().toCharArray());
            }
        }
        return builder.build();
    }

    private record Command(String keyword) implements ProtocolKeyword {
        @Override
        public byte[] getBytes() {
            return keyword.getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public String toString() {
            return keyword;
        }
    }
}
