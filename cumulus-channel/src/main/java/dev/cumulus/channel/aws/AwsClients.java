package dev.cumulus.channel.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The configuration every AWS-backed channel gives its SDK client: region, credentials, an
 * optional endpoint (any S3- or DynamoDB-compatible server), and timeouts on every call.
 *
 * <p>The SDK's own retries are off: the channel retries with its own bounded policy, so a store
 * that is down fails after a known number of attempts instead of the SDK's default back-off. The
 * SDK's Apache client does not retry either (it disables HttpClient's automatic retries). One layer
 * of retries matters to S3's conditional writes: a PUT whose response was lost is resent only by
 * the channel, which can then recognise the refusal as its own earlier write (see S3Channel).
 */
public final class AwsClients {
    private AwsClients() {
    }

    /**
     * Configures {@code builder} and returns it.
     *
     * @param accessKey static credentials, or null for the SDK's default chain
     * @param endpoint endpoint override, or null for AWS itself
     */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, String region,
            URI endpoint, String accessKey, String secretKey, Duration timeout) {
        AwsCredentialsProvider credentials = accessKey != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
                : DefaultCredentialsProvider.builder().build();
        builder.region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(timeout)
                        .socketTimeout(timeout)
                        .maxConnections(64))
                .overrideConfiguration(o -> o
                        .retryStrategy(b -> b.maxAttempts(1))
                        .apiCallAttemptTimeout(timeout.multipliedBy(30))
                        .apiCallTimeout(timeout.multipliedBy(30)));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }
}
