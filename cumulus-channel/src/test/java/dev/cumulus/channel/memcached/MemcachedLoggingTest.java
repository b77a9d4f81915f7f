package dev.cumulus.channel.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.Channels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * spymemcached logged its connections at INFO and every lost connection with a stack trace, on
 * stderr: a healthy run must print nothing, and a dead server be one exception naming the store.
 * Isolated: it reads what the whole JVM prints on stderr.
 */
@org.junit.jupiter.api.parallel.Isolated
class MemcachedLoggingTest {

    @Test
    void aHealthyRunAndADeadServerPrintNothingOnStderr() throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        MemcachedServer server = MemcachedServer.start(16);
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (Channel channel = Channels.open(server.uri() + "?timeoutMillis=500&attempts=2")) {
            channel.put("k", new byte[] {1, 2});
            assertThat(channel.await("k", Duration.ofSeconds(5))).containsExactly(1, 2);
            channel.put("big", new byte[3 * 1024 * 1024]);
            assertThat(channel.list("")).contains("k", "big");

            server.kill();
            Thread.sleep(200);
            assertThatThrownBy(() -> channel.get("k")).isInstanceOf(ChannelException.class)
                    .hasMessageContaining(channel.describe()).hasMessageContaining("'k'")
                    .hasMessageNotContaining("Cancelled");
        } finally {
            System.setErr(stderr);
            server.close();
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).as("printed on stderr").isEmpty();
    }
}
