package dev.cumulus.channel.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.channel.ChannelAccessException;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.StoreFailureContractTest;
import org.junit.jupiter.api.Test;

class S3FailureTest extends StoreFailureContractTest {
    @Override
    protected RunningServer startServer() {
        S3ProxyServer server = S3ProxyServer.start();
        return new RunningServer() {
            @Override public String uri() { return server.uri("cumulus-fail"); }
            @Override public void kill() { server.kill(); }
            @Override public void close() { }
        };
    }

    @Override
    protected String uriOfNothingAt(int port) {
        return "s3://a:b@cumulus-none?endpoint=http://127.0.0.1:" + port;
    }

    @Test
    void aWrongSecretKeyIsReportedAsSuchWithoutShowingIt() {
        try (S3ProxyServer server = S3ProxyServer.start()) {
            assertThatThrownBy(() -> Channels.open("s3://" + S3ProxyServer.ACCESS_KEY + ":not-the-secret@cumulus-x?endpoint="
                    + server.endpoint()))
                    .isInstanceOf(ChannelAccessException.class)
                    .hasMessageContaining("403")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-secret"));
        }
    }
}
