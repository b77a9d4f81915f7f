package dev.cumulus.bench.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RoundSyncOverheadTest {

    @Test
    void aRoundIsSplitFromTheLastPublicationByHand() {
        // [published, knew, agreed] in microseconds; peer 1 publishes last (at 1,500) and knows at 3,500,
        // peer 2 knows last (4,000), peer 0 agrees last (9,000); peer 3 was not in the round.
        long[][] round = {{1_000, 3_000, 9_000}, {1_500, 3_500, 7_000}, {1_200, 4_000, 8_000}, null};

        RoundSyncOverhead.Split split = RoundSyncOverhead.split(round);

        assertThat(split.overheadMs()).isCloseTo(2.5, within(1e-9));
        assertThat(split.lastPublisherMs()).isCloseTo(2.0, within(1e-9));
        assertThat(split.othersMs()).isCloseTo(2.5, within(1e-9));
        assertThat(split.agreedMs()).isCloseTo(7.5, within(1e-9));
        assertThat(split.lastKnowerPublishedLast()).isFalse();
        assertThat(split.knewEpochMicros()).isEqualTo(4_000);
    }

    @Test
    void theLastPublisherAloneIsItsOwnLastKnower() {
        RoundSyncOverhead.Split split = RoundSyncOverhead.split(new long[][] {{10, 20, 30}});

        assertThat(split.overheadMs()).isCloseTo(0.01, within(1e-12));
        assertThat(split.othersMs()).isZero();
        assertThat(split.lastKnowerPublishedLast()).isTrue();
    }
}
