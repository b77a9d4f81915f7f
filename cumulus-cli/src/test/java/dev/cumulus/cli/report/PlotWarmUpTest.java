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
    void runsOnADaemonThreadThatNeverHoldsTheJvmOpen() throws Exception {
        Thread thread = PlotWarmUp.start();
        assertThat(thread.isDaemon()).isTrue();
        thread.join();
        assertThat(thread.isAlive()).isFalse();
    }
}
