package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MembershipTest {

    @Test
    void aPeerIsSilentOnlyOnceUnheardForLongerThanTheExclusionTime() {
        Membership members = new Membership(List.of(0, 1, 2), 1_000, 500);
        members.heard(1, 1_400);

        assertThat(members.silent(List.of(1, 2), 1_500)).isEmpty();
        assertThat(members.silent(List.of(1, 2), 1_501)).containsExactly(2);
        assertThat(members.silent(List.of(1, 2), 1_901)).containsExactly(1, 2);
        assertThat(members.silenceMillis(1, 1_901)).isEqualTo(501);
    }

    @Test
    void excludedPeersAreNeitherLiveNorSilentAndJoinersAreLiveFromTheirAdmission() {
        Membership members = new Membership(List.of(0, 1, 2), 0, 100);
        members.exclude(2);
        members.admit(5, 1_000);

        assertThat(members.live()).containsExactly(0, 1, 5);
        assertThat(members.silent(List.of(1, 2, 5), 1_050)).containsExactly(1);
    }

    @Test
    void aLaterHeartbeatNeverMovesTheClockBack() {
        Membership members = new Membership(List.of(0, 1), 0, 100);
        members.heard(1, 500);
        members.heard(1, 300);
        assertThat(members.silenceMillis(1, 550)).isEqualTo(50);
    }

    @Test
    void aStoreFailureEndsTheStartupGraceSoSilenceCountsFromWhenThePeerWasLastHeard() {
        Membership members = new Membership(List.of(), 0, 100);
        members.admitWithGrace(1, 30_000);
        members.admitWithGrace(2, 30_000);
        members.admitWithGrace(3, 30_000);
        members.heard(1, 5_000);
        members.heard(2, 5_000);
        members.failed(1, 5_050);
        members.failed(3, 6_000);

        // peer 1's store failed after it was heard at 5 s; peer 3's failed and it was never heard;
        // peer 2 is merely quiet, which within the grace is a slow start, not a death
        assertThat(members.silent(List.of(1, 2, 3), 5_101)).containsExactly(1);
        assertThat(members.silenceMillis(1, 5_101)).isEqualTo(101);
        assertThat(members.silent(List.of(2, 3), 6_101)).containsExactly(3);
        assertThat(members.silent(List.of(2), 30_100)).isEmpty();
        assertThat(members.silent(List.of(2), 30_101)).containsExactly(2);
    }

    @Test
    void aDeliveredGradientEndsTheStartupGraceSoADeadPeerIsSilentAfterTheExclusionTime() {
        Membership members = new Membership(List.of(), 0, 400);
        members.admitWithGrace(1, 30_000);
        members.admitWithGrace(2, 30_000);
        members.delivered(1, 5_000);
        members.heard(2, 5_000);

        // peer 1 trained and then went quiet: dead after 400 ms; peer 2 only beat (still loading)
        assertThat(members.silent(List.of(1, 2), 5_400)).isEmpty();
        assertThat(members.silent(List.of(1, 2), 5_401)).containsExactly(1);
        assertThat(members.silent(List.of(2), 30_400)).isEmpty();
    }
}
