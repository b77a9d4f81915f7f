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

    static Channel openNetworked(String shown, String uri, String scheme, ChannelOptions options) {
        switch (scheme) {
            case "redis", "rediss":
                return new RedisChannel(RedisSettings.parse(uri, options));
            case "memcached":
                return new MemcachedChannel(MemcachedSettings.parse(uri, options));
            case "s3":
                return new S3Channel(S3Settings.parse(uri, options));
            case "dynamodb":
                return new DynamoDbChannel(DynamoDbSettings.parse(uri, options));
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
