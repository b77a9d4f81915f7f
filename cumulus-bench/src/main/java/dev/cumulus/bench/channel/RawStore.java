package dev.cumulus.bench.channel;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.redis.SharedResources;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.CachedData;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.transcoders.Transcoder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One worker's direct line to a store with the store's own client, bypassing the channel: the
 * reference a collective's throughput is compared with. Values larger than an item limit are cut
 * into items as the store requires (Memcached 1 MB, DynamoDB 400 KB).
 */
interface RawStore extends AutoCloseable {

    void put(String key, byte[] value) throws Exception;

    byte[] get(String key) throws Exception;

    @Override
    void close() throws Exception;

    static RawStore open(String channel, BenchServer server) {
        return switch (channel) {
            case "redis" -> new Redis(server);
            case "memcached" -> new Memcached(server);
            case "s3" -> new S3(server);
            case "dynamodb" -> new Dynamo(server);
            default -> new ThroughChannel(Channels.open(server.uri()));
        };
    }

    /** Memory and directory have no separate server: their reference is the channel's own put and get. */
    final class ThroughChannel implements RawStore {
        private final Channel channel;

        ThroughChannel(Channel channel) {
            this.channel = channel;
        }

        @Override public void put(String key, byte[] value) { channel.put(key, value); }
        @Override public byte[] get(String key) { return channel.get(key).orElseThrow(); }
        @Override public void close() { channel.close(); }
    }

    /**
     * Plain SET and GET over one Lettuce connection, each awaited before the next, on the event loops the Redis channels of this
     * JVM share, so that neither side of the comparison pays for threads the other does not have.
     */
    final class Redis implements RawStore {
        private final RedisClient client;
        private final StatefulRedisConnection<String, byte[]> connection;

        Redis(BenchServer server) {
            client = RedisClient.create(SharedResources.acquire(), "redis://" + server.host() + ":" + server.port());
            client.setDefaultTimeout(Duration.ofSeconds(60));
            connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        }

        // Through the asynchronous API, as the channel goes: Lettuce's synchronous API is a
        // reflective proxy whose CPU per call would handicap the reference.
        @Override public void put(String key, byte[] value) throws Exception {
            connection.async().set(key, value).get(60, java.util.concurrent.TimeUnit.SECONDS);
        }

        @Override public byte[] get(String key) throws Exception {
            return connection.async().get(key).get(60, java.util.concurrent.TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            SharedResources.release();
        }
    }

    /** Pipelined sets and one multi-get of 1 MB items with spymemcached. */
    final class Memcached implements RawStore {
        private static final int ITEM = 1024 * 1024 - 2048;
        private final MemcachedClient client;
        private final Transcoder<byte[]> raw = new Transcoder<>() {
            @Override public boolean asyncDecode(CachedData d) { return false; }
            @Override public CachedData encode(byte[] o) { return new CachedData(0, o, 2 * 1024 * 1024); }
            @Override public byte[] decode(CachedData d) { return d.getData(); }
            @Override public int getMaxSize() { return 2 * 1024 * 1024; }
        };

        Memcached(BenchServer server) {
            try {
                client = new MemcachedClient(new ConnectionFactoryBuilder().setOpTimeout(60_000).build(),
                        List.of(new InetSocketAddress(server.host(), server.port())));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void put(String key, byte[] value) throws Exception {
            List<Future<Boolean>> pending = new ArrayList<>();
            for (int i = 0, at = 0; at < value.length || i == 0; i++, at += ITEM) {
                byte[] item = java.util.Arrays.copyOfRange(value, at, Math.min(value.length, at + ITEM));
                pending.add(client.set(key + "." + i, 0, item, raw));
            }
            for (Future<Boolean> f : pending) {
                if (!f.get(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("memcached refused an item of " + key);
                }
            }
            client.set(key + ".n", 0, new byte[] {(byte) pending.size()}, raw).get(60, TimeUnit.SECONDS);
        }

        @Override
        public byte[] get(String key) throws Exception {
            int count = client.asyncGet(key + ".n", raw).get(60, TimeUnit.SECONDS)[0];
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                keys.add(key + "." + i);
            }
            Map<String, byte[]> items = client.asyncGetBulk(keys, raw).get(60, TimeUnit.SECONDS);
            int total = items.values().stream().mapToInt(b -> b.length).sum();
            byte[] value = new byte[total];
            int at = 0;
            for (String k : keys) {
                byte[] item = items.get(k);
                System.arraycopy(item, 0, value, at, item.length);
                at += item.length;
            }
            return value;
        }

        @Override
        public void close() {
            client.shutdown(2, TimeUnit.SECONDS);
        }
    }

    /** PutObject and GetObject with the AWS SDK. */
    final class S3 implements RawStore {
        private final S3Client s3;

        S3(BenchServer server) {
            s3 = S3Client.builder().region(Region.US_EAST_1).forcePathStyle(true)
                    .endpointOverride(URI.create("http://" + server.host() + ":" + server.port()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench-secret")))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .build();
            try {
                s3.createBucket(b -> b.bucket("cumulus-raw"));
            } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
                // created by another worker
            }
        }

        @Override
        public void put(String key, byte[] value) {
            s3.putObject(b -> b.bucket("cumulus-raw").key(key), RequestBody.fromBytes(value));
        }

        @Override
        public byte[] get(String key) {
            return s3.getObjectAsBytes(b -> b.bucket("cumulus-raw").key(key)).asByteArray();
        }

        @Override
        public void close() {
            s3.close();
        }
    }

    /** PutItem and GetItem of 380 KB items with the AWS SDK. */
    final class Dynamo implements RawStore {
        private static final int ITEM = 380 * 1024;
        private final DynamoDbClient dynamo;

        Dynamo(BenchServer server) {
            dynamo = DynamoDbClient.builder().region(Region.US_EAST_1)
                    .endpointOverride(URI.create("http://" + server.host() + ":" + server.port()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                    .build();
        }

        @Override
        public void put(String key, byte[] value) {
            int parts = Math.max(1, (value.length + ITEM - 1) / ITEM);
            for (int i = 0; i < parts; i++) {
                byte[] item = java.util.Arrays.copyOfRange(value, i * ITEM, Math.min(value.length, (i + 1) * ITEM));
                String k = key + "." + i;
                dynamo.putItem(b -> b.tableName("cumulus-bench").item(Map.of("k", AttributeValue.fromS(k),
                        "v", AttributeValue.fromB(SdkBytes.fromByteArray(item)))));
            }
            String n = key + ".n";
            dynamo.putItem(b -> b.tableName("cumulus-bench").item(Map.of("k", AttributeValue.fromS(n),
                    "v", AttributeValue.fromN(Integer.toString(parts)))));
        }

        @Override
        public byte[] get(String key) {
            String n = key + ".n";
            int parts = Integer.parseInt(dynamo.getItem(b -> b.tableName("cumulus-bench").consistentRead(true)
                    .key(Map.of("k", AttributeValue.fromS(n)))).item().get("v").n());
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < parts; i++) {
                String k = key + "." + i;
                out.writeBytes(dynamo.getItem(b -> b.tableName("cumulus-bench").consistentRead(true)
                        .key(Map.of("k", AttributeValue.fromS(k)))).item().get("v").b().asByteArray());
            }
            return out.toByteArray();
        }

        @Override
        public void close() {
            dynamo.close();
        }
    }
}
