package dev.cumulus.runtime.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.runtime.InvalidInvocationException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaSettingsTest {

    @Test
    void mapsFunctionAndMemoryToTheDeployedName() {
        LambdaSettings byMemory = LambdaSettings.builder().build();
        LambdaSettings byBoth = LambdaSettings.builder().functionNameTemplate("ml-{function}-{memoryMb}").build();

        assertThat(byMemory.awsFunctionName("worker", 1024)).isEqualTo("cumulus-1024");
        assertThat(byBoth.awsFunctionName("worker", 3008)).isEqualTo("ml-worker-3008");
    }

    @Test
    void rejectsNamesLambdaWouldRefuse() {
        assertThatThrownBy(() -> LambdaSettings.builder().functionNameTemplate("bad name").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad name'");
        LambdaSettings byFunction = LambdaSettings.builder().functionNameTemplate("{function}").build();
        assertThatThrownBy(() -> byFunction.awsFunctionName("engine.worker", 512))
                .isInstanceOf(InvalidInvocationException.class).hasMessageContaining("'engine.worker'");
        assertThatThrownBy(() -> LambdaSettings.builder().region("Mars").build())
                .hasMessageContaining("Invalid AWS region 'Mars'");
    }

    @Test
    void readsTheEnvironment() {
        LambdaSettings settings = LambdaSettings.fromEnvironment(Map.of("AWS_REGION", "eu-west-1",
                LambdaSettings.ENV_ENDPOINT, "http://127.0.0.1:9001", LambdaSettings.ENV_TEMPLATE, "w-{memoryMb}"));

        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:9001"));
        assertThat(settings.awsFunctionName("x", 128)).isEqualTo("w-128");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(Map.of(LambdaSettings.ENV_ENDPOINT, "http://a b")))
                .hasMessageContaining(LambdaSettings.ENV_ENDPOINT);
    }
}
