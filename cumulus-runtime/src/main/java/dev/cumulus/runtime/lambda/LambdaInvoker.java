package dev.cumulus.runtime.lambda;

import dev.cumulus.runtime.InvalidInvocationException;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Sends Cumulus invocation events to deployed Lambda functions through one AWS SDK v2 client. The client
 * never retries: a retried RequestResponse call can run a function twice, and a failed invocation must
 * surface as its result, not disappear into a retry loop.
 */
final class LambdaInvoker implements AutoCloseable {

    /** How long the client waits beyond the function's own limit before giving up on the call. */
    static final Duration CALL_MARGIN = Duration.ofSeconds(30);

    private final LambdaSettings settings;
    private final LambdaClient client;

    LambdaInvoker(LambdaSettings settings) {
        this.settings = settings;
        Duration longestCall = Duration.ofSeconds(settings.limitRange().maxTimeoutSeconds()).plus(CALL_MARGIN);
        LambdaClientBuilder builder = LambdaClient.builder()
                .region(Region.of(settings.region()))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(longestCall)
                        .build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(longestCall));
        settings.endpoint().ifPresent(builder::endpointOverride);
        if (settings.credentials() != null) {
            builder.credentialsProvider(settings.credentials());
        }
        this.client = builder.build();
    }

    LambdaSettings settings() {
        return settings;
    }

    /**
     * Sends {@code request}: {@link InvocationType#REQUEST_RESPONSE} waits for the function and asks for the
     * log tail (which holds the billed duration); {@link InvocationType#EVENT} queues it and returns.
     *
     * @throws InvalidInvocationException if the target does not exist or the request is too large or malformed
     * @throws SdkException for any other failure, unretried
     */
    InvokeResponse invoke(LambdaRequest request, InvocationType type) {
        String target = settings.awsFunctionName(request.functionName(), request.limits().memoryMb());
        InvokeRequest.Builder call = InvokeRequest.builder()
                .functionName(target)
                .invocationType(type)
                .payload(SdkBytes.fromByteArrayUnsafe(request.toJson()));
        if (type == InvocationType.REQUEST_RESPONSE) {
            call.logType(LogType.TAIL).overrideConfiguration(o -> o.apiCallTimeout(
                    Duration.ofSeconds(request.limits().timeoutSeconds()).plus(CALL_MARGIN)));
        }
        try {
            return client.invoke(call.build());
        } catch (ResourceNotFoundException e) {
            throw new InvalidInvocationException("Lambda function '" + target + "' (serving '" + request.functionName()
                    + "' at " + request.limits().memoryMb() + " MB) does not exist in " + settings.region()
                    + settings.endpoint().map(uri -> " at " + uri).orElse("")
                    + ": deploy it (docs/LAMBDA.md) or change the function name template '"
                    + settings.functionNameTemplate() + "'");
        } catch (RequestTooLargeException | InvalidRequestContentException e) {
            throw new InvalidInvocationException("Lambda rejected the invocation of '" + target + "': "
                    + e.awsErrorDetails().errorMessage());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
