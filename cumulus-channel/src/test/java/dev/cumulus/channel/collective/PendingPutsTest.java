package dev.cumulus.channel.collective;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.channel.codec.FloatSlice;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PendingPutsTest {
    private final Channel channel = Channels.open("memory:");

    @AfterEach
    void close() {
        channel.close();
    }

    @Test
    void replacementsThatFailedAreAllDoneAgainWhenJoined() {
        channel.put("p/old/a", new byte[] {1});
        channel.put("p/old/b", new byte[] {2});
        FirstAsyncFails failing = new FirstAsyncFails(channel);
        float[] vector = {1, 2, 3, 4};
        Map<String, FloatSlice> batch = new LinkedHashMap<>();
        batch.put("p/a", new FloatSlice(vector, 0, 2, false));
        batch.put("p/b", new FloatSlice(vector, 2, 4, false));
        PendingPuts pending = new PendingPuts(failing);
        pending.replaceAll(List.of("p/old/a", "p/old/b"), batch);
        pending.put("p/c", new FloatSlice(vector, 1, 3, false));
        assertThat(channel.list("p/")).as("the batch and its deletion failed, the single put went through")
                .containsExactlyInAnyOrder("p/old/a", "p/old/b", "p/c");

        pending.join();
        assertThat(channel.list("p/")).containsExactlyInAnyOrder("p/a", "p/b", "p/c");
        assertThat(FloatCodec.decode(channel.get("p/a").orElseThrow())).containsExactly(1, 2);
        assertThat(FloatCodec.decode(channel.get("p/b").orElseThrow())).containsExactly(3, 4);
        assertThat(FloatCodec.decode(channel.get("p/c").orElseThrow())).containsExactly(2, 3);
        assertThat(failing.asyncPuts).containsExactly(List.of("p/a", "p/b"), List.of("p/c"));
        assertThat(failing.asyncDeletions).containsExactly(List.of("p/old/a", "p/old/b"));
    }
}
