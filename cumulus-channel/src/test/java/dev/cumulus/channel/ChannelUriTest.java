package dev.cumulus.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.channel.dynamodb.DynamoDbSettings;
import dev.cumulus.channel.memcached.MemcachedSettings;
import dev.cumulus.channel.redis.RedisSettings;
import dev.cumulus.channel.s3.S3Settings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Parsing of the networked channel URIs, without servers. */
class ChannelUriTest {

    @Test
    void redisUriCarriesUserPasswordDatabaseAndOptions() {
        RedisSettings s = RedisSettings.parse(
                "redis://alice:p%40ss@cache.local:6380/2?timeoutMillis=750&attempts=5&inFlightKb=16", ChannelOptions.DEFAULTS);
        assertThat(s.host()).isEqualTo("cache.local");
        assertThat(s.port()).isEqualTo(6380);
        assertThat(s.user()).isEqualTo("alice");
        assertThat(s.password()).isEqualTo("p@ss");
        assertThat(s.database()).isEqualTo(2);
        assertThat(s.tls()).isFalse();
        assertThat(s.options().operationTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(s.options().attempts()).isEqualTo(5);
        assertThat(s.inFlightKb()).isEqualTo(16);
        assertThat(s.describe()).isEqualTo("redis://alice@cache.local:6380/2");
    }

    @Test
    void redissMeansTlsAndAPasswordAloneMeansTheDefaultUser() {
        RedisSettings s = RedisSettings.parse("rediss://:secret@h?verifyPeer=false", ChannelOptions.DEFAULTS);
        assertThat(s.tls()).isTrue();
        assertThat(s.verifyPeer()).isFalse();
        assertThat(s.user()).isNull();
        assertThat(s.password()).isEqualTo("secret");
        assertThat(s.port()).isEqualTo(6379);
        assertThat(s.inFlightKb()).isEqualTo(RedisSettings.DEFAULT_IN_FLIGHT_KB);
    }

    @Test
    void badRedisUrisAreErrorsNamingTheProblem() {
        assertThatThrownBy(() -> Channels.open("redis://h:notaport"))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("'h:notaport' is not HOST:PORT");
        assertThatThrownBy(() -> Channels.open("redis://h:6379/x"))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("database number");
        assertThatThrownBy(() -> Channels.open("redis://h:6379?timeout=5"))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("unknown parameter 'timeout'");
        assertThatThrownBy(() -> Channels.open("redis://h:6379?attempts=0"))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("attempts=0");
        assertThatThrownBy(() -> Channels.open("redis://h:6379?inFlightKb=0"))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("inFlightKb=0");
        assertThatThrownBy(() -> Channels.open("redis://h:6379?inFlightKb=2000000"))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("inFlightKb=2000000 is too many");
        assertThatThrownBy(() -> Channels.open("redis://bob@h:6379"))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("without a password");
        assertThatThrownBy(() -> Channels.open("redis://"))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("no host");
    }

    @Test
    void memcachedUriListsServers() {
        MemcachedSettings s = MemcachedSettings.parse("memcached://a:1,b?maxItemBytes=524288", ChannelOptions.DEFAULTS);
        assertThat(s.servers()).extracting(Endpoint.HostPort::toString).containsExactly("a:1", "b:11211");
        assertThat(s.maxItemBytes()).isEqualTo(524288);
        assertThatThrownBy(() -> Channels.open("memcached://a:1/path"))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("no user or path");
        assertThatThrownBy(() -> Channels.open("memcached://a:1?maxItemBytes=10"))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("maxItemBytes=10");
    }

    @Test
    void s3UriCarriesBucketPrefixEndpointAndCredentials() {
        S3Settings s = S3Settings.parse("s3://AK:SK@my-bucket/runs/7?endpoint=http://127.0.0.1:9000&region=eu-west-1",
                ChannelOptions.DEFAULTS);
        assertThat(s.bucket()).isEqualTo("my-bucket");
        assertThat(s.keyPrefix()).isEqualTo("runs/7/");
        assertThat(s.endpoint().toString()).isEqualTo("http://127.0.0.1:9000");
        assertThat(s.region()).isEqualTo("eu-west-1");
        assertThat(s.accessKey()).isEqualTo("AK");
        assertThat(s.pathStyle()).isTrue();
        assertThat(s.describe()).doesNotContain("SK");
        assertThatThrownBy(() -> Channels.open("s3://Bad_Bucket"))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("not a valid S3 bucket name");
        assertThatThrownBy(() -> Channels.open("s3://AK:SK@bucket?endpoint=ftp://x"))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("AK:***@")
                .hasMessageContaining("http(s)");
    }

    @Test
    void dynamoDbUriCarriesTableAndEndpoint() {
        DynamoDbSettings s = DynamoDbSettings.parse("dynamodb://jobs.table?endpoint=http://localhost:8000&pollMillis=20",
                ChannelOptions.DEFAULTS);
        assertThat(s.table()).isEqualTo("jobs.table");
        assertThat(s.endpoint().getPort()).isEqualTo(8000);
        assertThat(s.maxPollWait()).isEqualTo(Duration.ofMillis(20));
        assertThatThrownBy(() -> Channels.open("dynamodb://t"))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("not a valid DynamoDB table name");
        assertThatThrownBy(() -> Channels.open("dynamodb://table?pollMillis=-1"))
                .isInstanceOf(ChannelUriException.class).hasMessageContaining("pollMillis=-1");
    }
}
