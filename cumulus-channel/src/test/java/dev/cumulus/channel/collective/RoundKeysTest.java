package dev.cumulus.channel.collective;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoundKeysTest {
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

    /** A worker's keys of a round, as the collectives' keys are: all under {@code g/ROUND/in/}. */
    private java.util.function.LongFunction<List<String>> listed() {
        return round -> channel.list("g/" + round + "/in/");
    }

    @Test
    void theKeysRecordedForARoundAreDeletedInALaterRoundOnly() {
        put("g/3/in/a", "g/3/in/b", "g/3/in/c");
        RoundKeys keys = new RoundKeys(channel);
        keys.record(3, List.of("g/3/in/a", "g/3/in/b"));

        keys.deletePrevious(3, listed());
        assertThat(channel.list("g/")).as("a round run again keeps its own keys")
                .containsExactlyInAnyOrder("g/3/in/a", "g/3/in/b", "g/3/in/c");

        keys.deletePrevious(4, listed());
        assertThat(channel.list("g/")).as("only the recorded keys, not the whole directory").containsExactly("g/3/in/c");
    }

    @Test
    void aWorkerStartedAfreshDeletesWhatItsKeysOfThePreviousRoundWouldBe() {
        put("g/0/in/x", "g/0/in/y", "g/1/in/z");
        RoundKeys fresh = new RoundKeys(channel);
        fresh.deletePrevious(0, listed());
        assertThat(channel.list("g/")).as("nothing comes before round 0").hasSize(3);

        fresh.deletePrevious(1, listed());
        assertThat(channel.list("g/")).containsExactly("g/1/in/z");
    }

    @Test
    void aDeletionThatFailedIsDoneAgainWhenTheNextStarts() {
        FirstAsyncFails failing = new FirstAsyncFails(channel);
        put("g/3/in/a", "g/3/in/b", "g/4/in/c");
        RoundKeys keys = new RoundKeys(failing);
        keys.record(3, List.of("g/3/in/a", "g/3/in/b"));

        keys.deletePrevious(4, listed());
        assertThat(channel.list("g/")).as("the first deletion failed")
                .containsExactlyInAnyOrder("g/3/in/a", "g/3/in/b", "g/4/in/c");

        keys.record(4, List.of("g/4/in/c"));
        keys.deletePrevious(5, listed());
        assertThat(channel.list("g/")).as("round 3's keys again, and round 4's").isEmpty();
        assertThat(failing.asyncDeletions).containsExactly(List.of("g/3/in/a", "g/3/in/b"), List.of("g/4/in/c"));
    }
}
