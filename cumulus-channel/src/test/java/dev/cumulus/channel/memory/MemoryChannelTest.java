package dev.cumulus.channel.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelContractTest;
import dev.cumulus.channel.codec.FloatSlice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryChannelTest extends ChannelContractTest {
    @Override
    protected Channel openChannel() {
        return new MemoryChannel();
    }

    @Test
    void floatsWrittenWithoutACopyStillIsolateWritersFromReaders() {
        MemoryChannel channel = new MemoryChannel();
        float[] vector = {1, 2, 3};
        channel.putFloatsAsync("a", new FloatSlice(vector, 0, 3, false)).join();
        channel.putAllFloats(Map.of("b", new FloatSlice(vector, 1, 3, false)));
        vector[1] = 99;

        float[] first = new float[3];
        float[] second = new float[2];
        channel.awaitFloats(List.of("a", "b"), List.of(new FloatSlice(first, 0, 3, false),
                new FloatSlice(second, 0, 2, false)), Duration.ofSeconds(5));
        first[0] = -1;
        float[] again = new float[3];
        channel.readFloatsAsync(List.of("a"), List.of(new FloatSlice(again, 0, 3, false))).join();

        assertThat(second).containsExactly(2, 3);
        assertThat(again).containsExactly(1, 2, 3);
    }
}
