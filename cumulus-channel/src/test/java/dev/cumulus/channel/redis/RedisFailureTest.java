package dev.cumulus.channel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.ChannelTimeoutException;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.ServerProcess;
import dev.cumulus.channel.collective.AllReduce;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A Redis server that is down, or dies mid-round, gives a clear error within seconds. */
class RedisFailureTest {

    @Test
    void aServerThatIsDownIsReportedAfterBoundedRetries() {
        RedisServer.binary();
        int port = ServerProcess.freePort();
        long start = System.nanoTime();
        assertThatThrownBy(() -> Channels.open("redis://127.0.0.1:" + port + "?timeoutMillis=500&attempts=3"))
                .isInstanceOf(ChannelException.class)
                .hasMessageContaining("redis://127.0.0.1:" + port)
                .hasMessageContaining("connect")
                .hasMessageContaining("3 attempt");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aServerThatDiesMidRoundFailsTheWaitingWorkerWithinSeconds() throws Exception {
        RedisServer server = RedisServer.start();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Channel channel = Channels.open(server.uri() + "?timeoutMillis=500&attempts=3")) {
            // rank 1 of 2 writes its vector and waits for the sum that rank 0 will never publish
            Future<Throwable> worker = pool.submit(() -> {
                try {
                    new AllReduce(channel, "job/grad", 1, 2, Duration.ofSeconds(60)).sum(0, new float[] {1, 2});
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            Thread.sleep(300);
            long killedAt = System.nanoTime();
            server.kill();
            Throwable failure = worker.get(30, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(10));
            assertThat(failure).isInstanceOf(ChannelException.class)
                    .isNotInstanceOf(ChannelTimeoutException.class)
                    .hasMessageContaining(server.uri())
                    .hasMessageContaining("get 'job/grad/0/out'");
            assertThatThrownBy(() -> channel.put("after", new byte[] {1}))
                    .isInstanceOf(ChannelException.class).hasMessageContaining("put 'after'");
        } finally {
            pool.shutdownNow();
            server.close();
        }
    }
}
