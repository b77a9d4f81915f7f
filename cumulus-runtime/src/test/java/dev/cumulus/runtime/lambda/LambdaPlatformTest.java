package dev.cumulus.runtime.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.runtime.FunctionLimits;
import dev.cumulus.runtime.Invocation;
import dev.cumulus.runtime.InvocationResult;
import dev.cumulus.runtime.InvocationStatus;
import dev.cumulus.runtime.billing.LambdaRate;
import dev.cumulus.runtime.testfunctions.TestFunctions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Lambda invoker end to end through AWS SDK v2 against {@link LocalLambdaEndpoint} on 127.0.0.1, whose
 * deployed functions run {@link LambdaHandler}.
 */
class LambdaPlatformTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private LocalLambdaEndpoint endpoint;
    private LambdaSettings settings;
    private final List<LambdaPlatform> platforms = new ArrayList<>();

    @BeforeEach
    void deploy() throws Exception {
        endpoint = new LocalLambdaEndpoint();
        settings = LambdaSettings.builder().endpoint(endpoint.uri()).credentials("test", "test").build();
        // One deployment per memory size, as docs/lambda/template.yaml deploys; 128 MB has a 1 s timeout.
        endpoint.deploy("cumulus-256", new LocalLambdaEndpoint.Deployment(256, 30,
                () -> new LambdaHandler(TestFunctions.registry(), settings)));
        endpoint.deploy("cumulus-128", new LocalLambdaEndpoint.Deployment(128, 1,
                () -> new LambdaHandler(TestFunctions.registry(), settings)));
    }

    @AfterEach
    void stop() {
        platforms.forEach(LambdaPlatform::close);
        endpoint.close();
    }

    private LambdaPlatform platform(LambdaSettings chosen) {
        LambdaPlatform platform = new LambdaPlatform(chosen);
        platforms.add(platform);
        return platform;
    }

    private InvocationResult run(String function, String payload, FunctionLimits limits) throws Exception {
        return platform(settings).invoke(function, payload.getBytes(UTF_8), limits).await(WAIT);
    }

    @Test
    void invokesDeployedFunctionThroughTheSdk() throws Exception {
        LambdaPlatform platform = platform(settings);
        InvocationResult first = platform.invoke("sum", "1,2,3".getBytes(UTF_8), FunctionLimits.of(256, 30)).await(WAIT);
        InvocationResult second = platform.invoke("warm-count", new byte[0], FunctionLimits.of(256, 30)).await(WAIT);

        assertThat(platform.type()).isEqualTo("lambda");
        assertThat(first.status()).isEqualTo(InvocationStatus.OK);
        assertThat(first.outputText()).isEqualTo("6");
        assertThat(first.coldStart()).isTrue();
        assertThat(second.coldStart()).isFalse();
        assertThat(platform.find(first.invocationId())).isPresent();
    }

    @Test
    void takesBilledDurationFromTheLogTail() throws Exception {
        LambdaPlatform platform = platform(settings);
        InvocationResult result = platform.invoke("sleep", "30".getBytes(UTF_8), FunctionLimits.of(256, 30)).await(WAIT);

        Long reported = endpoint.billedMillis(result.invocationId());
        assertThat(reported).isNotNull();
        assertThat(result.billedDurationMillis()).isEqualTo(reported).isGreaterThanOrEqualTo(30);
        LambdaRate rate = platform.billing().rate();
        assertThat(platform.billing().bill().totalUsd())
                .isCloseTo(256 / 1024.0 * reported / 1000.0 * rate.usdPerGbSecond() + rate.usdPerRequest(),
                        org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void mapsFunctionErrorToError() throws Exception {
        InvocationResult result = run("fail", "lost", FunctionLimits.of(256, 30));

        assertThat(result.status()).isEqualTo(InvocationStatus.ERROR);
        assertThat(result.errorMessage()).contains("FunctionFailedException").contains("boom: lost");
        assertThat(result.billable()).isTrue();
    }

    @Test
    void mapsTaskTimedOutToTimeout() throws Exception {
        InvocationResult result = run("sleep", "10000", FunctionLimits.of(128, 1));

        assertThat(result.status()).isEqualTo(InvocationStatus.TIMEOUT);
        assertThat(result.errorMessage()).contains("Task timed out after 1.00 seconds");
    }

    @Test
    void reportsUnregisteredFunctionAsInvalidRequest() throws Exception {
        InvocationResult result = run("no-such", "", FunctionLimits.of(256, 30));

        assertThat(result.status()).isEqualTo(InvocationStatus.INVALID_REQUEST);
        assertThat(result.errorMessage()).contains("'no-such' is not registered");
    }

    @Test
    void reportsMissingDeploymentAsInvalidRequestWithoutRetrying() throws Exception {
        InvocationResult result = run("sum", "1", FunctionLimits.of(2048, 30));

        assertThat(result.status()).isEqualTo(InvocationStatus.INVALID_REQUEST);
        assertThat(result.errorMessage()).contains("Lambda function 'cumulus-2048'").contains("does not exist")
                .contains("docs/LAMBDA.md");
        assertThat(endpoint.requests()).isEqualTo(1);
        assertThat(result.billable()).isFalse();
    }

    @Test
    void rejectsLimitsOutsideLambdasRangeWithoutCallingIt() throws Exception {
        InvocationResult small = run("sum", "1", FunctionLimits.of(127, 30));
        InvocationResult large = run("sum", "1", FunctionLimits.of(10_241, 30));
        InvocationResult longer = run("sum", "1", FunctionLimits.of(256, 901));

        assertThat(small.status()).isEqualTo(InvocationStatus.INVALID_REQUEST);
        assertThat(small.errorMessage()).contains("memoryMb 127").contains("128..10240 MB");
        assertThat(large.errorMessage()).contains("memoryMb 10241");
        assertThat(longer.errorMessage()).contains("timeoutSeconds 901").contains("1..900 s");
        assertThat(endpoint.requests()).isZero();
    }

    @Test
    void successorsRunAsEventInvocationsUntilTheCounterReachesItsTarget() throws Exception {
        InvocationResult first = run("chain", "1,3", FunctionLimits.of(256, 30));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (endpoint.events().size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        assertThat(first.status()).isEqualTo(InvocationStatus.OK);
        assertThat(first.invokedIds()).hasSize(1);
        List<String> outputs = endpoint.events().stream()
                .map(event -> new String(LambdaResponse.parse(event.body().getBytes(UTF_8)).output(), UTF_8))
                .collect(Collectors.toList());
        assertThat(outputs).hasSize(2);
        assertThat(outputs.stream().map(o -> o.split("->")[0])).containsExactlyInAnyOrder("2", "3");
        assertThat(endpoint.events()).allMatch(event -> event.functionName().equals("cumulus-256"));
    }

    @Test
    void neverHasMoreCallsInFlightThanTheConcurrencyLimit() throws Exception {
        LambdaPlatform platform = platform(LambdaSettings.builder().endpoint(endpoint.uri()).credentials("test", "test")
                .concurrencyLimit(2).build());
        List<Invocation> invocations = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            invocations.add(platform.invoke("span", "200".getBytes(UTF_8), FunctionLimits.of(256, 30)));
        }
        for (Invocation invocation : invocations) {
            assertThat(invocation.await(WAIT).status()).isEqualTo(InvocationStatus.OK);
        }

        assertThat(endpoint.maxRunning()).isBetween(1, 2);
        assertThat(platform.billing().bill().requests()).isEqualTo(6);
    }

    @Test
    void cancelDropsQueuedInvocationButCannotStopOneInFlight() throws Exception {
        LambdaPlatform platform = platform(LambdaSettings.builder().endpoint(endpoint.uri()).credentials("test", "test")
                .concurrencyLimit(1).build());
        Invocation running = platform.invoke("sleep", "500".getBytes(UTF_8), FunctionLimits.of(256, 30));
        Invocation queued = platform.invoke("sum", "1".getBytes(UTF_8), FunctionLimits.of(256, 30));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (endpoint.maxRunning() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        assertThat(queued.cancel()).isTrue();
        assertThat(running.kill()).isFalse();
        assertThat(queued.await(WAIT).status()).isEqualTo(InvocationStatus.CANCELLED);
        assertThat(running.await(WAIT).status()).isEqualTo(InvocationStatus.OK);
    }
}
