package dev.cumulus.channel;

import dev.cumulus.channel.dynamodb.DynamoDbChannel;
import dev.cumulus.channel.dynamodb.DynamoDbSettings;
import dev.cumulus.channel.memcached.MemcachedChannel;
import dev.cumulus.channel.memcached.MemcachedSettings;
import dev.cumulus.channel.redis.RedisChannel;
import dev.cumulus.channel.redis.RedisSettings;
import dev.cumulus.channel.s3.S3Channel;
import dev.cumulus.channel.s3.S3Settings;

/** Parsing of the networked channel URIs (redis, memcached, s3, dynamodb). */
final class ChannelUris {
    private ChannelUris() {
    }

    /**
     * Reads a networked channel URI into what opens it, without connecting: a URI that cannot be
     * read fails here, before any server is tried.
     */
    static java.util.function.Supplier<Channel> networked(String shown, String uri, String scheme, ChannelOptions options) {
        switch (scheme) {
            case "redis", "rediss": {
                RedisSettings settings = RedisSettings.parse(uri, options);
                return () -> new RedisChannel(settings);
            }
            case "memcached": {
                MemcachedSettings settings = MemcachedSettings.parse(uri, options);
                return () -> new MemcachedChannel(settings);
            }
            case "s3": {
                S3Settings settings = S3Settings.parse(uri, options);
                return () -> new S3Channel(settings);
            }
            case "dynamodb": {
                DynamoDbSettings settings = DynamoDbSettings.parse(uri, options);
                return () -> new DynamoDbChannel(settings);
            }
            default:
                break;
        }
        throw new ChannelUriException(shown, "unknown scheme '" + scheme + "'; expected memory:, file:DIR, "
                + "redis://HOST:PORT, rediss://HOST:PORT, memcached://HOST:PORT, s3://BUCKET?endpoint=URL "
                + "or dynamodb://TABLE?endpoint=URL");
    }

    /** The URI with the password of any {@code user:password@} replaced by {@code ***}. */
    static String mask(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return uri;
        }
        int at = uri.indexOf('@', scheme + 3);
        int slash = uri.indexOf('/', scheme + 3);
        if (at < 0 || (slash >= 0 && slash < at)) {
            return uri;
        }
        String userInfo = uri.substring(scheme + 3, at);
        int colon = userInfo.indexOf(':');
        String masked = colon < 0 ? "***" : userInfo.substring(0, colon) + ":***";
        return uri.substring(0, scheme + 3) + masked + uri.substring(at);
    }
}
