package dev.cumulus.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.TimelineEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;

class PlotsTest {

    /** Worker w spends w ms starting, 2 ms loading, (w + 1) ms computing and 5 ms communicating. */
    private static List<TimelineEvent> timeline(int workers) {
        List<TimelineEvent> events = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            events.add(new TimelineEvent(w, Phase.STARTUP, 0, w * 1000L, 0));
            events.add(new TimelineEvent(w, Phase.LOAD, w * 1000L, w * 1000L + 2000, 100));
            events.add(new TimelineEvent(w, Phase.COMPUTE, 10_000_000, 10_000_000 + (w + 1) * 1000L, 0));
            events.add(new TimelineEvent(w, Phase.COMMUNICATE, 20_000_000, 20_005_000, 100));
        }
        return events;
    }

    @Test
    void aThousandWorkersAreDrawnAsQuantileBandsPerPhaseWithANoteSayingSo() throws Exception {
        PhaseTimes times = PhaseTimes.of(timeline(1000));
        assertThat(times.workers()).isEqualTo(1000);
        assertThat(times.drawnAsQuantiles()).isTrue();
        assertThat(times.quantiles(Phase.COMPUTE)).containsExactly(new double[] {0.001, 0.25075, 0.5005, 0.75025, 1.0},
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(times.quantiles(Phase.COMMUNICATE)).containsOnly(0.005);

        CategoryChart chart = Plots.breakdown(times);
        assertThat(chart.getSeriesMap().keySet()).containsExactly("min", "p25", "median", "p75", "max");
        assertThat(chart.getSeriesMap().get("median").getXData()).hasSize(Phase.values().length);
        assertThat(chart.getTitle()).contains("1000 workers");
        assertThat(chart.getXAxisTitle()).contains("too many workers for a bar each");
        assertThat(Plots.png(chart)).hasSizeGreaterThan(1000);
    }

    @Test
    void aFewWorkersGetABarEach() {
        PhaseTimes times = PhaseTimes.of(timeline(PhaseTimes.MAX_WORKERS_DRAWN));
        assertThat(times.drawnAsQuantiles()).isFalse();
        CategoryChart chart = Plots.breakdown(times);
        assertThat(chart.getSeriesMap().keySet()).containsExactly("startup", "load", "compute", "communicate", "wait");
        assertThat(chart.getSeriesMap().get("compute").getXData()).hasSize(PhaseTimes.MAX_WORKERS_DRAWN);
    }

    @Test
    void theLossChartMarksTheFinalModelsTestLossAtTheEnd() throws Exception {
        List<EpochRecord> curve = List.of(new EpochRecord(1, 0.66, 1.9), new EpochRecord(2, 0.61, 2.1));
        XYChart chart = Plots.loss(curve, new ObjectMapper().readTree(
                "{\"trainLoss\": 0.59, \"testLoss\": 0.58882, \"testAccuracy\": 0.69825}"));
        assertThat(chart.getSeriesMap().keySet()).containsExactly("training loss per epoch",
                "test loss 0.5888, accuracy 0.6982 (final model)");
        var test = chart.getSeriesMap().get("test loss 0.5888, accuracy 0.6982 (final model)");
        assertThat(test.getXYSeriesRenderStyle()).isEqualTo(XYSeriesRenderStyle.Scatter);
        assertThat(test.getXData()).containsExactly(2.1);
        assertThat(test.getYData()).containsExactly(0.58882);
        // no test metric: no point, nothing invented
        assertThat(Plots.loss(curve, new ObjectMapper().readTree("{}")).getSeriesMap()).hasSize(1);
    }
}
