package dev.cumulus.ps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ParameterServerMainTest {

    @Test
    void readsEveryOption() {
        ServerOptions options = ParameterServerMain.parse(new String[] {"--state", "s", "--port", "9000", "--host", "0.0.0.0",
                "--snapshot-interval", "5", "--no-force-writes"});
        assertThat(options).isEqualTo(ServerOptions.builder(Path.of("s")).port(9000).host("0.0.0.0").snapshotInterval(5)
                .forceWrites(false).build());
    }

    @Test
    void defaultsToAFreePortOnLoopbackWithForcedWrites() {
        ServerOptions options = ParameterServerMain.parse(new String[] {"--state", "s"});
        assertThat(options.host()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isZero();
        assertThat(options.forceWrites()).isTrue();
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> ParameterServerMain.parse(new String[] {"--port", "1"}))
                .hasMessageContaining("Missing --state DIR");
        assertThatThrownBy(() -> ParameterServerMain.parse(new String[] {"--state", "s", "--port", "x"}))
                .hasMessageContaining("'x' for --port");
        assertThatThrownBy(() -> ParameterServerMain.parse(new String[] {"--state", "s", "--port", "70000"}))
                .hasMessageContaining("port 70000");
        assertThatThrownBy(() -> ParameterServerMain.parse(new String[] {"--stat", "s"}))
                .hasMessageContaining("Unknown argument '--stat'");
        assertThatThrownBy(() -> ParameterServerMain.parse(new String[] {"--state"}))
                .hasMessageContaining("Missing value for --state");
    }
}
