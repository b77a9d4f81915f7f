package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.engine.metrics.EpochRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JoinMessagesTest {

    @Test
    void aPublicationMarkCarriesTheJoinRequestsItsPeerSaw() {
        Map<Integer, String> joins = Map.of(4, "redis://h:6379/2", 7, "memory:x");
        assertThat(JoinList.decode(JoinList.encode(joins))).isEqualTo(joins);
        assertThat(JoinList.decode(JoinList.encode(Map.of()))).isEmpty();
    }

    @Test
    void anAdmissionCarriesTheStateAfterItsRound() {
        Admission admission = new Admission(57, Map.of(0, "memory:a", 3, "file:/tmp/b"), new float[] {1.5f, -0f, Float.MIN_VALUE},
                new float[] {0.25f}, 12.5, List.of(new EpochRecord(1, 0.5, 2.0)));
        Admission back = Admission.decode(admission.encode());

        assertThat(back.round()).isEqualTo(57);
        assertThat(back.stores()).isEqualTo(admission.stores());
        assertThat(back.parameters()).isEqualTo(admission.parameters());
        assertThat(back.optimizerState()).isEqualTo(admission.optimizerState());
        assertThat(back.epochLossSum()).isEqualTo(12.5);
        assertThat(back.curve()).isEqualTo(admission.curve());
    }
}
