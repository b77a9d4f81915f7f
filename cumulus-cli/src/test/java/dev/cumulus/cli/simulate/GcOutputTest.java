package dev.cumulus.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.sim.gc.GcReport;
import dev.cumulus.sim.gc.GcSimulator;
import dev.cumulus.sim.gc.TrialResult;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Axis;
import org.knowm.xchart.internal.chartpart.Chart;
import picocli.CommandLine;

class GcOutputTest {

    private static GcReport simulate(String... args) {
        GcCommand command = new GcCommand();
        new CommandLine(command).parseArgs(args);
        return new GcSimulator(command.scenario()).run();
    }

    @Test
    void completionCurvesEndAtOneWhenEveryTrialCompletes() {
        GcReport report = simulate("--workers", "20", "--load", "4", "--trials", "500", "--out", "unused");
        for (var time : List.<java.util.function.ToDoubleFunction<TrialResult>>of(
                TrialResult::waitForAll, TrialResult::classic, TrialResult::partial)) {
            double[][] cdf = GcOutput.cdf(report.trials(), time);
            assertThat(cdf[0]).hasSize(500).isSorted();
            assertThat(cdf[1][cdf[1].length - 1]).isEqualTo(1.0);
        }
    }

    @Test
    void completionCurvesOfSchemesThatSometimesFailEndAtTheFractionThatCompleted() {
        GcReport report = simulate("--workers", "10", "--load", "3", "--fail-fraction", "0.1", "--trials", "50",
                "--out", "unused");
        assertThat(GcOutput.cdf(report.trials(), TrialResult::waitForAll)[1]).isEmpty();
        double[] partial = GcOutput.cdf(report.trials(), TrialResult::partial)[1];
        assertThat(partial[partial.length - 1]).isEqualTo(1.0);
    }

    @Test
    void theCompletionChartsTicksAreTenthsUpToOneAndLabelledWithTheirOwnValue() throws Exception {
        XYChart chart = GcOutput.completionChart(simulate("--workers", "20", "--load", "4", "--trials", "300",
                "--out", "unused"));
        BitmapEncoder.getBufferedImage(chart);
        // XChart keeps the ticks it drew to itself; its axis is reachable by reflection only.
        Method yAxis = Chart.class.getDeclaredMethod("getYAxis");
        yAxis.setAccessible(true);
        List<String> labels = ((Axis<?, ?>) yAxis.invoke(chart)).getAxisTickCalculator().getTickLabels();
        // A label keeps a second decimal if its tick has one: a tick at 0.95 cannot pass for 1.0.
        assertThat(chart.getStyler().getYAxisDecimalPattern()).isEqualTo("0.0#");
        assertThat(labels).contains("0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0")
                .allMatch(l -> l.matches("-?\\d\\.\\d"), "every tick a tenth");
    }
}
