package dev.cumulus.channel.dynamodb;

import dev.cumulus.channel.ChannelOptions;
import dev.cumulus.channel.ChannelUriException;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.Endpoint;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Where a channel keeps its items in DynamoDB or a DynamoDB-compatible endpoint.
 *
 * @param table        table name; its partition key is the string attribute {@code k}
 * @param endpoint     the endpoint URL, or null for AWS DynamoDB in {@code region}
 * @param region       signing region
 * @param accessKey    access key id, or null to use the AWS default credential chain
 * @param secretKey    secret key, with {@code accessKey}
 * @param createTable  whether to create the table (on-demand capacity) when it does not exist
 * @param maxPollWait  longest pause between two reads while waiting for a key
 * @param options      request timeout and retries
 */
public record DynamoDbSettings(String table, URI endpoint, String region, String accessKey, String secretKey,
        boolean createTable, Duration maxPollWait, ChannelOptions options) {

    private static final Set<String> PARAMETERS = Set.of("endpoint", "region", "createTable", "pollMillis",
            "timeoutMillis", "attempts");
    private static final String TABLE_NAME = "[A-Za-z0-9_.-]{3,255}";

    public DynamoDbSettings {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(maxPollWait, "maxPollWait");
        Objects.requireNonNull(options, "options");
        if (!table.matches(TABLE_NAME)) {
            throw new IllegalArgumentException("table '" + table + "' is not a valid DynamoDB table name "
                    + "(3-255 letters, digits, '_', '.' and '-')");
        }
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException("give both the access key and the secret key, or neither");
        }
    }

    /**
     * Reads {@code dynamodb://[ACCESS_KEY:SECRET_KEY@]TABLE[?endpoint=URL&region=R&createTable=true
     * &pollMillis=50&timeoutMillis=..&attempts=..]}.
     */
    public static DynamoDbSettings parse(String uri, ChannelOptions defaults) {
        Endpoint parsed = Endpoint.parse(uri, PARAMETERS);
        if (!parsed.authority().matches(TABLE_NAME) || !parsed.path().isEmpty()) {
            throw new ChannelUriException(parsed.shown(), "table '" + parsed.authority() + (parsed.path().isEmpty() ? "" : "/" + parsed.path())
                    + "' is not a valid DynamoDB table name (3-255 letters, digits, '_', '.' and '-')");
        }
        if ((parsed.user() == null) != (parsed.password() == null)) {
            throw new ChannelUriException(parsed.shown(), "credentials must be ACCESS_KEY:SECRET_KEY@");
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
                ? Channels.positiveParameter(parsed.shown(), "pollMillis", parsed.params().get("pollMillis"))
                : 50;
        return new DynamoDbSettings(parsed.authority(), endpoint, parsed.param("region", "us-east-1"), parsed.user(),
                parsed.password(), parsed.flag("createTable", true), Duration.ofMillis(pollMillis),
                parsed.options(defaults));
    }

    public String describe() {
        return "dynamodb://" + table + (endpoint != null ? " at " + endpoint : "");
    }
}
