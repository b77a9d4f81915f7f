package dev.cumulus.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlotWarmUpTest {

    @Test
    void drawsALossAndABreakdownChartToPngBytesInMemory() {
        // Two 800 x 500 PNGs of axes, labels and a few bars: several kilobytes each, and zero if
        // the drawing failed (the warm-up drops its failures).
        assertThat(PlotWarmUp.drawAndDrop()).isGreaterThan(2 * 4000);
    }

    @Test
    void startsOnceTrainingHasReportedForTheDelayAndNeverInAShorterRun() {
        java.util.concurrent.atomic.AtomicInteger starts = new java.util.concurrent.atomic.AtomicInteger();
        PlotWarmUp.Schedule schedule = new PlotWarmUp.Schedule(java.time.Duration.ofSeconds(1), starts::incrementAndGet);
        long t0 = 5_000_000_000L;
        schedule.reported(t0);
        schedule.reported(t0 + 400_000_000L);
        schedule.reported(t0 + 999_999_999L);
        assertThat(starts).hasValue(0);
        schedule.reported(t0 + 1_000_000_000L);
        schedule.reported(t0 + 3_000_000_000L);
        assertThat(starts).hasValue(1);

        PlotWarmUp.Schedule shortRun = new PlotWarmUp.Schedule(java.time.Duration.ofSeconds(1), starts::incrementAndGet);
        shortRun.reported(t0);
        shortRun.reported(t0 + 300_000_000L);
        assertThat(starts).hasValue(1);
    }

    @Test
    void runsOnADaemonThreadThatNeverHoldsTheJvmOpen() throws Exception {
        Thread thread = PlotWarmUp.start();
        assertThat(thread.isDaemon()).isTrue();
        thread.join();
        assertThat(thread.isAlive()).isFalse();
    }
}
