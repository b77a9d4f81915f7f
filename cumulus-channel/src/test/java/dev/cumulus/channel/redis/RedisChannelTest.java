package dev.cumulus.channel.redis;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelContractTest;
import dev.cumulus.channel.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The channel contract and collectives against a real redis-server. */
class RedisChannelTest extends ChannelContractTest {
    private RedisServer server;

    @Override
    protected Channel openChannel() {
        server = RedisServer.start();
        return Channels.open(server.uri());
    }

    @Override
    protected void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void awaitThenGetAsyncHoldsNoThreadWhileItWaitsOnSeveralStores() throws Exception {
        try (RedisServer second = RedisServer.start(); Channel other = Channels.open(second.uri())) {
            String key = "async/" + System.nanoTime();
            CompletableFuture<List<byte[]>> here = channel().awaitThenGetAsync(key, List.of(), Duration.ofSeconds(30));
            CompletableFuture<List<byte[]>> there = other.awaitThenGetAsync(key, List.of(), Duration.ofSeconds(30));
            // Both waits are running at once, the caller free: nothing was put yet.
            assertThat(here).isNotDone();
            assertThat(there).isNotDone();
            other.put(key, "b".getBytes(StandardCharsets.UTF_8));
            assertThat(there.get(5, TimeUnit.SECONDS).get(0)).isEqualTo("b".getBytes(StandardCharsets.UTF_8));
            assertThat(here).isNotDone();
            channel().put(key, "a".getBytes(StandardCharsets.UTF_8));
            assertThat(here.get(5, TimeUnit.SECONDS).get(0)).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
        }
    }
}
