package dev.cumulus.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.engine.protocol.RunProgress;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProgressTextTest {

    @Test
    void saysEpochStepLossElapsedTimeLeftAndLastRound() {
        RunProgress p = new RunProgress(2, 10, 40, 100, 0.651234, 12.4);
        assertThat(ProgressText.of(p, 12_300, OptionalLong.of(30_000)))
                .isEqualTo("epoch 3/10, step 40/100, loss 0.6512, 0:12 elapsed, ~0:30 left, last round 12 ms");
    }

    @Test
    void unknownLossAndTimeLeftAreMarkedNotInvented() {
        RunProgress p = new RunProgress(0, 3, 0, 20, Double.NaN, 0);
        assertThat(ProgressText.of(p, 500, OptionalLong.empty()))
                .isEqualTo("epoch 1/3, step 0/20, loss -, 0:00 elapsed, ? left");
    }

    @Test
    void durationsReadAsAClock() {
        assertThat(ProgressText.duration(7_999)).isEqualTo("0:07");
        assertThat(ProgressText.duration(754_000)).isEqualTo("12:34");
        assertThat(ProgressText.duration(3_723_000)).isEqualTo("1:02:03");
    }

    @Test
    void timeLeftFollowsThePaceSinceTheFirstReportAndCountsDown() {
        Estimate estimate = new Estimate();
        estimate.observe(0.1, 10_000);
        assertThat(estimate.remainingMillis(10_000)).isEmpty();
        estimate.observe(0.3, 14_000);
        // 0.2 of the run in 4 s: the remaining 0.7 takes 14 s
        assertThat(estimate.remainingMillis(14_000)).hasValue(14_000);
        assertThat(estimate.remainingMillis(16_000)).hasValue(12_000);
        assertThat(estimate.remainingMillis(99_000)).hasValue(0);
    }
}
