package dev.cumulus.channel.s3;

import dev.cumulus.channel.ChannelOptions;
import dev.cumulus.channel.ChannelUriException;
import dev.cumulus.channel.Endpoint;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Where a channel keeps its objects in S3 or an S3-compatible store.
 *
 * @param bucket       bucket name
 * @param keyPrefix    prefix put before every key (empty, or ending with '/')
 * @param endpoint     the store's URL, or null for AWS S3 in {@code region}
 * @param region       signing region
 * @param accessKey    access key id, or null to use the AWS default credential chain
 * @param secretKey    secret key, with {@code accessKey}
 * @param pathStyle    whether to address buckets as {@code endpoint/bucket} (needed by most S3-compatible stores)
 * @param createBucket whether to create the bucket when it does not exist
 * @param maxPollWait  longest pause between two reads while waiting for a key
 * @param options      request timeout and retries
 */
public record S3Settings(String bucket, String keyPrefix, URI endpoint, String region, String accessKey,
        String secretKey, boolean pathStyle, boolean createBucket, Duration maxPollWait, ChannelOptions options) {

    private static final Set<String> PARAMETERS = Set.of("endpoint", "region", "pathStyle", "createBucket",
            "pollMillis", "timeoutMillis", "attempts");

    public S3Settings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(maxPollWait, "maxPollWait");
        Objects.requireNonNull(options, "options");
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("bucket '" + bucket + "' is not a valid S3 bucket name "
                    + "(3-63 lower-case letters, digits, '.' and '-')");
        }
        if (!keyPrefix.isEmpty() && !keyPrefix.endsWith("/")) {
            throw new IllegalArgumentException("keyPrefix must be empty or end with '/', got '" + keyPrefix + "'");
        }
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("give both the access key and the secret key, or neither");
        }
    }

    /**
     * Reads {@code s3://[ACCESS_KEY:SECRET_KEY@]BUCKET[/PREFIX][?endpoint=URL&region=R&pathStyle=true
     * &createBucket=true&pollMillis=50&timeoutMillis=..&attempts=..]}.
     */
    public static S3Settings parse(String uri, ChannelOptions defaults) {
        Endpoint parsed = Endpoint.parse(uri, PARAMETERS);
        String bucket = parsed.authority();
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new ChannelUriException(parsed.shown(), "bucket '" + bucket
                    + "' is not a valid S3 bucket name (3-63 lower-case letters, digits, '.' and '-')");
        }
        if ((parsed.user() == null) != (parsed.password() == null)) {
            throw new ChannelUriException(parsed.shown(), "credentials must be ACCESS_KEY:SECRET_KEY@");
        }
        String prefix = parsed.path();
        if (!prefix.isEmpty() && !prefix.endsWith("/")) {
            prefix = prefix + "/";
        }
        URI endpoint = null;
        String endpointText = parsed.param("endpoint", null);
        if (endpointText != null) {
            try {
                endpoint = URI.create(endpointText);
            } catch (IllegalArgumentException e) {
                endpoint = null;
            }
            if (endpoint == null || endpoint.getHost() == null
                    || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
                throw new ChannelUriException(parsed.shown(), "endpoint '" + endpointText
                        + "' is not an http(s)://HOST[:PORT] URL");
            }
        }
        long pollMillis = parsed.params().containsKey("pollMillis")
                ? dev.cumulus.channel.Channels.positiveParameter(parsed.shown(), "pollMillis", parsed.params().get("pollMillis"))
                : 50;
        return new S3Settings(bucket, prefix, endpoint, parsed.param("region", "us-east-1"), parsed.user(),
                parsed.password(), parsed.flag("pathStyle", endpoint != null), parsed.flag("createBucket", true),
                Duration.ofMillis(pollMillis), parsed.options(defaults));
    }

    /** The bucket and prefix for logs, never a key. */
    public String describe() {
        return "s3://" + bucket + "/" + keyPrefix + (endpoint != null ? " at " + endpoint : "");
    }
}
