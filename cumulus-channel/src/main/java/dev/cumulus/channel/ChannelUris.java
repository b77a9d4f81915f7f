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

    /**
     * The URI with the password of any {@code user:password@} replaced by {@code ***} (all of the
     * user info when it has no ':'). A password that is only a reference such as
     * {@code ${env:NAME}} is kept: it names where the secret is, not the secret.
     */
    static String mask(String uri) {
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return uri;
        }
        int start = scheme + 3;
        int at = CredentialReferences.userInfoEnd(uri, start);
        if (at < 0) {
            return uri;
        }
        String userInfo = uri.substring(start, at);
        int colon = CredentialReferences.indexOutsideReferences(userInfo, ':');
        String masked;
        if (colon < 0) {
            masked = CredentialReferences.isReference(userInfo) ? userInfo : "***";
        } else {
            String password = userInfo.substring(colon + 1);
            masked = userInfo.substring(0, colon) + ":" + (CredentialReferences.isReference(password) ? password : "***");
        }
        return uri.substring(0, start) + masked + uri.substring(at);
    }
}
