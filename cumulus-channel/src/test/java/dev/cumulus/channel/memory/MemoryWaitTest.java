package dev.cumulus.channel.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.channel.ChannelTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoryWaitTest {

    @Test
    void everyWaiterOfAKeyIsWokenByOnePutAndNoBookkeepingIsLeft() throws Exception {
        MemoryChannel channel = new MemoryChannel();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<byte[]>> waiting = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                waiting.add(pool.submit(() -> channel.await("k", Duration.ofSeconds(10))));
            }
            Thread.sleep(100);
            assertThat(waiting).as("no waiter returns before the put").noneMatch(Future::isDone);
            channel.put("k", new byte[] {3});
            for (Future<byte[]> f : waiting) {
                assertThat(f.get(5, TimeUnit.SECONDS)).containsExactly(3);
            }
            assertThatThrownBy(() -> channel.await("never", Duration.ofMillis(50)))
                    .isInstanceOf(ChannelTimeoutException.class);
            assertThat(channel.waitedKeys()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
