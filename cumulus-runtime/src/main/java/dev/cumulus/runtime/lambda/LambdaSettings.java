package dev.cumulus.runtime.lambda;

import dev.cumulus.runtime.InvalidInvocationException;
import dev.cumulus.runtime.LimitRange;
import dev.cumulus.runtime.billing.LambdaRate;
import dev.cumulus.runtime.billing.PriceTable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Where and how Cumulus reaches AWS Lambda: region, optional endpoint override, which deployed Lambda
 * function serves a Cumulus function at a memory size, and client-side concurrency.
 *
 * <p>On Lambda, memory and timeout belong to the deployed function, not to the call; so the
 * {@link #functionNameTemplate()} maps a Cumulus function name and memory size to a deployed function
 * name, by default {@value #DEFAULT_TEMPLATE} (one deployment per memory size, hosting every registered
 * function, as docs/lambda/template.yaml deploys).
 *
 * @param region AWS region, e.g. {@code us-east-1}
 * @param endpoint endpoint override (a local Lambda-compatible server), empty for AWS itself
 * @param functionNameTemplate deployed name, with {@value #FUNCTION_PLACEHOLDER} and {@value #MEMORY_PLACEHOLDER}
 * @param concurrencyLimit invocations in flight at once from this client; further ones queue
 * @param credentials credentials to sign with, or null for the SDK's default chain
 * @param rate the Lambda price the billing meter uses
 * @param limitRange accepted memory sizes and time limits
 */
public record LambdaSettings(String region, Optional<URI> endpoint, String functionNameTemplate, int concurrencyLimit,
        AwsCredentialsProvider credentials, LambdaRate rate, LimitRange limitRange) {

    public static final String FUNCTION_PLACEHOLDER = "{function}";
    public static final String MEMORY_PLACEHOLDER = "{memoryMb}";
    public static final String DEFAULT_TEMPLATE = "cumulus-{memoryMb}";

    /** Environment variables read by {@link #fromEnvironment}. */
    public static final String ENV_ENDPOINT = "CUMULUS_LAMBDA_ENDPOINT";
    public static final String ENV_TEMPLATE = "CUMULUS_FUNCTION_NAME_TEMPLATE";

    private static final Pattern AWS_NAME = Pattern.compile("[A-Za-z0-9_:-]{1,140}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    public LambdaSettings {
        Objects.requireNonNull(region, "region");
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("Invalid AWS region '" + region + "': expected a name like us-east-1");
        }
        endpoint = endpoint == null ? Optional.empty() : endpoint;
        Objects.requireNonNull(functionNameTemplate, "functionNameTemplate");
        String literal = functionNameTemplate.replace(FUNCTION_PLACEHOLDER, "f").replace(MEMORY_PLACEHOLDER, "1");
        if (!AWS_NAME.matcher(literal).matches()) {
            throw new IllegalArgumentException("Invalid Lambda function name template '" + functionNameTemplate
                    + "': expected letters, digits, '-', '_' and the placeholders " + FUNCTION_PLACEHOLDER + " and "
                    + MEMORY_PLACEHOLDER);
        }
        if (concurrencyLimit < 1) {
            throw new IllegalArgumentException("Invalid concurrencyLimit " + concurrencyLimit + ": expected >= 1");
        }
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(limitRange, "limitRange");
    }

    /** Starts a builder: us-east-1, AWS endpoint, {@value #DEFAULT_TEMPLATE}, 64 concurrent, default chain. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings from environment variables: {@code AWS_REGION} (else {@code AWS_DEFAULT_REGION}, else
     * us-east-1), {@value #ENV_ENDPOINT}, {@value #ENV_TEMPLATE}. Inside Lambda, AWS_REGION is always set.
     */
    public static LambdaSettings fromEnvironment(Map<String, String> environment) {
        Builder builder = builder();
        String region = environment.getOrDefault("AWS_REGION", environment.get("AWS_DEFAULT_REGION"));
        if (region != null && !region.isBlank()) {
            builder.region(region.strip());
        }
        String endpoint = environment.get(ENV_ENDPOINT);
        if (endpoint != null && !endpoint.isBlank()) {
            try {
                builder.endpoint(new URI(endpoint.strip()));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("Invalid value '" + endpoint + "' for environment variable "
                        + ENV_ENDPOINT + ": expected a URL such as http://127.0.0.1:9001", e);
            }
        }
        String template = environment.get(ENV_TEMPLATE);
        if (template != null && !template.isBlank()) {
            builder.functionNameTemplate(template.strip());
        }
        return builder.build();
    }

    /**
     * The deployed Lambda function that serves {@code functionName} at {@code memoryMb}.
     *
     * @throws InvalidInvocationException if the result is not a valid Lambda function name
     */
    public String awsFunctionName(String functionName, int memoryMb) {
        String name = functionNameTemplate.replace(FUNCTION_PLACEHOLDER, functionName)
                .replace(MEMORY_PLACEHOLDER, Integer.toString(memoryMb));
        if (!AWS_NAME.matcher(name).matches()) {
            throw new InvalidInvocationException("Function '" + functionName + "' maps to '" + name
                    + "' through the template '" + functionNameTemplate
                    + "', which is not a valid Lambda function name (letters, digits, '-', '_')");
        }
        return name;
    }

    /** Builds {@link LambdaSettings}; validation happens in {@link #build()}. */
    public static final class Builder {
        private String region = "us-east-1";
        private URI endpoint;
        private String functionNameTemplate = DEFAULT_TEMPLATE;
        private int concurrencyLimit = 64;
        private AwsCredentialsProvider credentials;
        private LambdaRate rate;
        private LimitRange limitRange = LimitRange.LAMBDA;

        private Builder() {
        }

        public Builder region(String value) { region = value; return this; }
        public Builder endpoint(URI value) { endpoint = value; return this; }
        public Builder functionNameTemplate(String value) { functionNameTemplate = value; return this; }
        public Builder concurrencyLimit(int value) { concurrencyLimit = value; return this; }
        public Builder credentials(AwsCredentialsProvider value) { credentials = value; return this; }
        public Builder rate(LambdaRate value) { rate = value; return this; }
        public Builder limitRange(LimitRange value) { limitRange = value; return this; }

        /** Static credentials, e.g. for a local endpoint that does not check signatures. */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
            return this;
        }

        public LambdaSettings build() {
            return new LambdaSettings(region, Optional.ofNullable(endpoint), functionNameTemplate, concurrencyLimit,
                    credentials, rate != null ? rate : PriceTable.defaults().lambda(), limitRange);
        }
    }
}
