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

    @Test
    void anOwnedValueIsKeptAsHandedOverAndOnlySharedReadsSeeTheArrayItself() {
        MemoryChannel memory = new MemoryChannel();
        dev.cumulus.channel.meter.MeteredChannel channel = new dev.cumulus.channel.meter.MeteredChannel(memory);
        byte[] chunk = {1, 2, 3};
        channel.putOwned("chunk", chunk);
        byte[] read = channel.get("chunk").orElseThrow();
        read[0] = 42;
        // The array itself is the stored value: changing it (which an owner hands over not to do) shows.
        chunk[1] = 7;
        assertThat(channel.get("chunk")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 7, 3));
        assertThat(channel.counts().writes()).isEqualTo(1);
        channel.put("copied", chunk);
        chunk[2] = 9;
        assertThat(channel.get("copied")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 7, 3));
        // A shared read hands over the stored array itself, an ordinary await a copy.
        assertThat(channel.awaitShared("chunk", Duration.ofSeconds(1))).isSameAs(chunk);
        assertThat(channel.await("chunk", Duration.ofSeconds(1))).isNotSameAs(chunk).containsExactly(1, 7, 9);
        assertThat(channel.counts().reads()).isEqualTo(5);
    }
}
