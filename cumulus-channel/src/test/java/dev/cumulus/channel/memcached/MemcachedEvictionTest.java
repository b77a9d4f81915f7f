package dev.cumulus.channel.memcached;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.ChannelTimeoutException;
import dev.cumulus.channel.Channels;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A Memcached too small for its values: a reader waiting for an evicted value is told so, soon. */
class MemcachedEvictionTest {
    private static final int VALUE_BYTES = 64 * 1024;

    /**
     * The value waited for is evicted before the wait starts, and the server goes on evicting
     * values nobody read while it waits (as when a round's vectors do not fit): the wait ends
     * within seconds, not at its timeout, with an error that names eviction and the memory.
     */
    @Test
    void aWaitForAValueEvictedUnreadEndsSoonSayingSo() throws Exception {
        try (MemcachedServer server = MemcachedServer.start(8);
             Channel channel = Channels.open(server.uri())) {
            channel.put("wanted", new byte[VALUE_BYTES]);
            // three times the server's memory, never read (a read would keep "wanted" in the cache)
            int filler = 0;
            for (; filler < 3 * 8 * 16; filler++) {
                channel.put("filler/" + filler, new byte[VALUE_BYTES]);
            }
            assertThat(channel.get("wanted")).as("evicted after %d values of 64 KB", filler).isEmpty();

            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            int from = filler;
            Future<?> evicting = pool.submit(() -> {
                for (int i = from; !stop.get() && i < from + 20_000; i++) {
                    channel.put("filler/" + i, new byte[VALUE_BYTES]);
                    sleepQuietly(2);
                }
            });
            try {
                long start = System.nanoTime();
                Throwable failure = catchThrowable(() -> channel.await("wanted", Duration.ofSeconds(60)));
                Duration waited = Duration.ofNanos(System.nanoTime() - start);

                assertThat(failure).isInstanceOf(ChannelException.class).isNotInstanceOf(ChannelTimeoutException.class)
                        .hasMessageContaining(channel.describe()).hasMessageContaining("'wanted'")
                        .hasMessageContaining("evicted").hasMessageContaining("8 MB (-m)");
                assertThat(waited).as("ended soon after the evictions, not at the 60 s timeout")
                        .isLessThan(Duration.ofSeconds(20));
            } finally {
                stop.set(true);
                evicting.get(30, TimeUnit.SECONDS);
                pool.shutdownNow();
            }
        }
    }

    /** Without evictions, a wait for a key nobody writes is an ordinary timeout. */
    @Test
    void aWaitWithoutEvictionsTimesOutAsUsual() {
        try (MemcachedServer server = MemcachedServer.start(64);
             Channel channel = Channels.open(server.uri())) {
            assertThat(catchThrowable(() -> channel.await("never", Duration.ofMillis(700))))
                    .isInstanceOf(ChannelTimeoutException.class).hasMessageContaining("did not appear within 700 ms");
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
