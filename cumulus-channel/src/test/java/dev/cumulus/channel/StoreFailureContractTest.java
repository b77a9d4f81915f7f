package dev.cumulus.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.channel.collective.AllReduce;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every networked channel must do when its server is down or dies: fail with a
 * {@link ChannelException} that names the store and the operation, within seconds, never hang.
 */
public abstract class StoreFailureContractTest {

    /** A running server of the store under test. */
    protected interface RunningServer extends AutoCloseable {
        /** The channel URI of the server, without query parameters. */
        String uri();

        /** Stops the server at once, as a crash would. */
        void kill();

        @Override
        void close();
    }

    /** Starts a fresh server (skips or fails the test when the binary is missing). */
    protected abstract RunningServer startServer();

    /** A channel URI on 127.0.0.1:{@code port}, where nothing listens. */
    protected abstract String uriOfNothingAt(int port);

    /** Appends query parameters to a URI that may already have some. */
    protected static String with(String uri, String params) {
        return uri + (uri.contains("?") ? "&" : "?") + params;
    }

    @Test
    void aServerThatIsDownIsReportedAfterBoundedRetries() {
        int port = ServerProcess.freePort();
        String uri = uriOfNothingAt(port);
        long start = System.nanoTime();
        assertThatThrownBy(() -> {
            try (Channel channel = Channels.open(with(uri, "timeoutMillis=500&attempts=3"))) {
                channel.put("k", new byte[] {1});
            }
        }).isInstanceOf(ChannelException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("3 attempt");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void aServerThatDiesMidScatterReduceFailsTheWaitingWorkerWithinSeconds() throws Exception {
        // rank 1 of 2 puts its input to shard 0 without waiting, then waits for rank 0's input to shard 1
        failsWhenTheServerDies(channel -> new dev.cumulus.channel.collective.ScatterReduce(
                channel, "job/scatter", 1, 2, Duration.ofSeconds(60)).sum(0, new float[] {1, 2, 3, 4}),
                "'job/scatter/0/in/4/1/0/0'", channel -> { });
    }

    @Test
    void aServerThatDiesMidRoundFailsTheWaitingWorkerWithinSeconds() throws Exception {
        // rank 1 of 2 writes its vector and waits for the sum that rank 0 will never publish
        failsWhenTheServerDies(channel -> new AllReduce(channel, "job/grad", 1, 2, Duration.ofSeconds(60))
                .sum(0, new float[] {1, 2}), "'job/grad/0/out/0'", channel -> {
            assertThatThrownBy(() -> channel.put("after", new byte[] {1}))
                    .isInstanceOf(ChannelException.class).hasMessageContaining("'after'");
            // Asynchronous requests fail too, as ChannelExceptions, whether at once or in their futures.
            assertThat(asyncFailure(() -> channel.deleteAllAsync(java.util.List.of("gone"))))
                    .isInstanceOf(ChannelException.class).hasMessageContaining("'gone'");
            assertThat(asyncFailure(() -> channel.putAllFloatsAsync(
                    java.util.Map.of("lost", new dev.cumulus.channel.codec.FloatSlice(new float[] {1}, 0, 1, false)))))
                    .isInstanceOf(ChannelException.class).hasMessageContaining("'lost'");
            assertThat(asyncFailure(() -> channel.replaceAllFloatsAsync(java.util.List.of("old"),
                    java.util.Map.of("new", new dev.cumulus.channel.codec.FloatSlice(new float[] {1}, 0, 1, false)))))
                    .isInstanceOf(ChannelException.class).hasMessageMatching("(?s).*'(old|new)'.*");
        });
    }

    /** What starting an asynchronous request threw, or its future failed with. */
    private static Throwable asyncFailure(java.util.function.Supplier<? extends Future<?>> request) {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> request.get().get(60, TimeUnit.SECONDS));
        return failure instanceof java.util.concurrent.ExecutionException ? failure.getCause() : failure;
    }

    /**
     * Starts {@code round} on a fresh server, kills the server 500 ms later, and checks the round
     * failed within seconds with a {@link ChannelException} (not a timeout) naming the store and
     * {@code waitedFor}; then runs {@code afterwards} on the channel to the dead server.
     */
    private void failsWhenTheServerDies(java.util.function.Consumer<Channel> round, String waitedFor,
                                        java.util.function.Consumer<Channel> afterwards) throws Exception {
        RunningServer server = startServer();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Channel channel = Channels.open(with(server.uri(), "timeoutMillis=500&attempts=3"))) {
            Future<Throwable> worker = pool.submit(() -> {
                try {
                    round.accept(channel);
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            Thread.sleep(500);
            long killedAt = System.nanoTime();
            server.kill();
            Throwable failure = worker.get(60, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(15));
            assertThat(failure).isInstanceOf(ChannelException.class)
                    .isNotInstanceOf(ChannelTimeoutException.class)
                    .hasMessageContaining(channel.describe())
                    .hasMessageContaining(waitedFor);
            afterwards.accept(channel);
        } finally {
            pool.shutdownNow();
            server.close();
        }
    }
}
