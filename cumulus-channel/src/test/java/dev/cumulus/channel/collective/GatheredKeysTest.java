package dev.cumulus.channel.collective;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatheredKeysTest {
    private final Channel channel = Channels.open("memory:");

    @AfterEach
    void close() {
        channel.close();
    }

    private void put(String... keys) {
        for (String key : keys) {
            channel.put(key, new byte[] {1});
        }
    }

    @Test
    void theKeysOfEveryEarlierRoundGoOnceALaterRoundIsGatheredFailedRoundsIncluded() {
        GatheredKeys keys = new GatheredKeys(channel);
        put("g/0/gather/3/0/1", "g/1/gather/3/0/1", "g/2/gather/3/0/1");
        keys.record(0, List.of("g/0/gather/3/0/1"));
        keys.deleteBefore(0, round -> List.of());
        assertThat(channel.list("g/")).as("round 0 is this worker's newest").hasSize(3);

        keys.record(1, List.of("g/1/gather/3/0/1"));
        // round 1 failed before its end: nothing deleted; round 2 ends
        keys.record(2, List.of("g/2/gather/3/0/1"));
        keys.deleteBefore(2, round -> List.of());

        assertThat(channel.list("g/")).containsExactly("g/2/gather/3/0/1");
    }

    @Test
    void aWorkerStartedAfreshDeletesWhatItsKeysOfThePreviousRoundWouldBe() {
        put("g/4/gather/3/0/2", "g/5/gather/3/0/2", "g/4/gather/3/0/1");
        GatheredKeys keys = new GatheredKeys(channel);
        keys.record(5, List.of("g/5/gather/3/0/2"));
        keys.deleteBefore(5, round -> List.of("g/" + round + "/gather/3/0/2"));

        assertThat(channel.list("g/")).containsExactlyInAnyOrder("g/5/gather/3/0/2", "g/4/gather/3/0/1");
    }
}
