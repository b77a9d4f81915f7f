package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RoundTimesTest {

    @Test
    void roundTimesReadBackAsWritten() {
        RoundTimes times = new RoundTimes();
        times.add(0, 1_700_000_000_000_000L, 1_700_000_000_004_250L, 1_700_000_000_005_000L);
        times.add(1, 1_700_000_000_010_000L, 1_700_000_000_010_900L, 1_700_000_000_011_300L);

        assertThat(RoundTimes.decode(times.encode())).containsExactly(
                new RoundTimes.Round(0, 1_700_000_000_000_000L, 1_700_000_000_004_250L, 1_700_000_000_005_000L),
                new RoundTimes.Round(1, 1_700_000_000_010_000L, 1_700_000_000_010_900L, 1_700_000_000_011_300L));
    }

    @Test
    void aLineWithoutFourFieldsIsRejectedWithTheLine() {
        assertThatThrownBy(() -> RoundTimes.decode("0,1,2\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'0,1,2'");
    }
}
