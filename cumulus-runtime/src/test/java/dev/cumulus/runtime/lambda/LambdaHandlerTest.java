package dev.cumulus.runtime.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.runtime.FunctionLimits;
import dev.cumulus.runtime.InvocationStatus;
import dev.cumulus.runtime.testfunctions.TestFunctions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Lambda handler driven directly through the Lambda runtime's interfaces, as the Java runtime calls it. */
class LambdaHandlerTest {

    private final LambdaHandler handler = new LambdaHandler(TestFunctions.registry(),
            LambdaSettings.builder().credentials("test", "test").build());

    @AfterEach
    void close() {
        handler.close();
    }

    private LambdaResponse call(byte[] event, LocalLambdaContext context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, context);
        return LambdaResponse.parse(out.toByteArray());
    }

    private static byte[] event(String function, int memoryMb, int timeoutSeconds, String payload) {
        return new LambdaRequest(function, "id-1", FunctionLimits.of(memoryMb, timeoutSeconds), payload.getBytes(UTF_8))
                .toJson();
    }

    private static LocalLambdaContext context(int memoryMb, long remainingMillis) {
        return new LocalLambdaContext("cumulus-" + memoryMb, memoryMb, remainingMillis);
    }

    @Test
    void runsRegisteredFunctionAndAnswersWithItsOutput() throws Exception {
        LambdaResponse response = call(event("sum", 256, 30, "20,22"), context(256, 30_000));

        assertThat(response.status()).isEqualTo(InvocationStatus.OK);
        assertThat(new String(response.output(), UTF_8)).isEqualTo("42");
        assertThat(response.error()).isEmpty();
        assertThat(response.durationMillis()).isPositive();
    }

    @Test
    void firstInvocationIsColdAndKeepsTheFunctionWarm() throws Exception {
        LambdaResponse first = call(event("warm-count", 256, 30, ""), context(256, 30_000));
        LambdaResponse second = call(event("warm-count", 256, 30, ""), context(256, 30_000));

        assertThat(first.coldStart()).isTrue();
        assertThat(first.initMillis()).isPositive();
        assertThat(new String(first.output(), UTF_8)).isEqualTo("1");
        assertThat(second.coldStart()).isFalse();
        assertThat(new String(second.output(), UTF_8)).isEqualTo("2");
    }

    @Test
    void functionSeesTheSmallerOfLambdasRemainingTimeAndItsOwnLimit() throws Exception {
        LambdaResponse lambdaBound = call(event("remaining", 512, 60, ""), context(512, 3_000));
        LambdaResponse requestBound = call(event("remaining", 512, 1, ""), context(512, 30_000));

        String[] lambdaParts = new String(lambdaBound.output(), UTF_8).split(",");
        assertThat(Long.parseLong(lambdaParts[0])).isBetween(1_500L, 3_000L);
        assertThat(lambdaParts[1]).isEqualTo("512");
        assertThat(Long.parseLong(new String(requestBound.output(), UTF_8).split(",")[0])).isBetween(0L, 1_000L);
    }

    @Test
    void answersInvalidRequestForEventThatIsNotJson() throws Exception {
        LocalLambdaContext context = context(256, 30_000);
        LambdaResponse response = call("{not json".getBytes(UTF_8), context);

        assertThat(response.status()).isEqualTo(InvocationStatus.INVALID_REQUEST);
        assertThat(response.error()).contains("Invalid Cumulus invocation event: not JSON");
        assertThat(context.log()).contains("invalid request");
    }

    @Test
    void answersInvalidRequestNamingTheMissingOrMalformedField() throws Exception {
        LambdaResponse missing = call("{\"cumulus\":1,\"invocationId\":\"x\"}".getBytes(UTF_8), context(256, 30_000));
        LambdaResponse badPayload = call(("{\"cumulus\":1,\"function\":\"sum\",\"invocationId\":\"x\",\"memoryMb\":256,"
                + "\"timeoutSeconds\":3,\"payload\":\"%%%\"}").getBytes(UTF_8), context(256, 30_000));
        LambdaResponse badVersion = call("{\"cumulus\":7}".getBytes(UTF_8), context(256, 30_000));
        LambdaResponse array = call("[1,2]".getBytes(UTF_8), context(256, 30_000));

        assertThat(missing.error()).contains("field 'function' is missing");
        assertThat(badPayload.error()).contains("field 'payload' is not base64");
        assertThat(badVersion.error()).contains("field 'cumulus' is 7, expected 1");
        assertThat(array.error()).contains("expected a JSON object, got array");
    }

    @Test
    void answersInvalidRequestForUnregisteredFunction() throws Exception {
        LambdaResponse response = call(event("no-such", 256, 30, ""), context(256, 30_000));

        assertThat(response.status()).isEqualTo(InvocationStatus.INVALID_REQUEST);
        assertThat(response.error()).contains("'no-such' is not registered").contains("sum");
    }

    @Test
    void answersInvalidRequestWhenMemoryDiffersFromTheDeployedFunction() throws Exception {
        LambdaResponse response = call(event("sum", 1024, 30, "1"), context(256, 30_000));

        assertThat(response.status()).isEqualTo(InvocationStatus.INVALID_REQUEST);
        assertThat(response.error()).contains("asked for 1024 MB").contains("deployed with 256 MB");
    }

    @Test
    void rethrowsFunctionFailureSoLambdaReportsAFunctionError() {
        assertThatThrownBy(() -> call(event("fail", 256, 30, "disk"), context(256, 30_000)))
                .isInstanceOf(LambdaHandler.FunctionFailedException.class)
                .hasMessageContaining("IllegalStateException").hasMessageContaining("boom: disk");
    }

    @Test
    void functionLearnsAtOnceThatItStartedAnUnregisteredFunction() throws Exception {
        LambdaResponse response = call(event("invoke-unknown", 256, 30, ""), context(256, 30_000));

        assertThat(response.status()).isEqualTo(InvocationStatus.OK);
        assertThat(new String(response.output(), UTF_8)).contains("'no-such-function' is not registered");
        assertThat(response.invokedIds()).isEmpty();
    }
}
