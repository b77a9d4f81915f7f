package dev.cumulus.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.metrics.Phase;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The run report's charts, built with XChart and rendered to PNG. */
final class Plots {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    /** Beyond this many workers a per-worker chart turns its labels on their side. */
    private static final int UPRIGHT_LABELS_MAX = 12;

    private Plots() {
    }

    /**
     * The training loss per epoch against time; the final model's test loss, where the run has
     * one, as a marked point at the end (the run records no test loss per epoch).
     */
    static XYChart loss(List<EpochRecord> curve, JsonNode metrics) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Loss")
                .xAxisTitle("seconds since start").yAxisTitle("loss").build();
        chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
        if (curve.isEmpty()) {
            return chart;
        }
        series(chart, "training loss per epoch", curve, EpochRecord::elapsedSeconds);
        TestValue test = TestValue.of(metrics);
        if (test != null) {
            double end = curve.get(curve.size() - 1).elapsedSeconds();
            chart.addSeries(test.label(), new double[] {end}, new double[] {test.loss()})
                    .setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter).setMarker(SeriesMarkers.DIAMOND);
        }
        return chart;
    }

    /** Several runs' training loss against time since each run's start. */
    static XYChart lossByTime(List<ReportedRun> runs) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Training loss against time")
                .xAxisTitle("seconds since start").yAxisTitle("training loss").build();
        runs.stream().filter(r -> !r.curve().isEmpty())
                .forEach(r -> series(chart, r.name(), r.curve(), EpochRecord::elapsedSeconds));
        return chart;
    }

    /** Several runs' training loss against epochs. */
    static XYChart lossByEpoch(List<ReportedRun> runs) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Training loss against epochs")
                .xAxisTitle("epoch").yAxisTitle("training loss").build();
        chart.getStyler().setXAxisDecimalPattern("0");
        runs.stream().filter(r -> !r.curve().isEmpty())
                .forEach(r -> series(chart, r.name(), r.curve(), EpochRecord::epoch));
        return chart;
    }

    /**
     * How long the coordinator waited in each round for "encode and transmit", run by run (coded
     * runs: the strategies side by side); runs without rounds are left out.
     */
    static XYChart roundTimes(List<ReportedRun> runs) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Coded rounds: wait per round")
                .xAxisTitle("round").yAxisTitle("milliseconds until encode and transmit").build();
        chart.getStyler().setXAxisDecimalPattern("0");
        for (ReportedRun run : runs) {
            JsonNode rounds = run.json().path("protocolReport").path("rounds");
            if (rounds.isArray() && rounds.size() > 0) {
                double[] x = new double[rounds.size()];
                double[] y = new double[rounds.size()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = rounds.get(i).path("round").asDouble();
                    y[i] = rounds.get(i).path("triggeredMillis").asDouble();
                }
                String strategy = run.json().path("protocolReport").path("strategy").asText("");
                chart.addSeries(run.name() + (strategy.isEmpty() ? "" : " (" + strategy.replaceAll("\\(.*", "") + ")"),
                        x, y).setMarker(SeriesMarkers.NONE);
            }
        }
        return chart;
    }

    /** Whether any of the runs reports coded rounds. */
    static boolean hasRounds(List<ReportedRun> runs) {
        return runs.stream().anyMatch(r -> r.json().path("protocolReport").path("rounds").size() > 0);
    }

    private static void series(XYChart chart, String name, List<EpochRecord> curve,
            ToDoubleFunction<EpochRecord> x) {
        chart.addSeries(name, curve.stream().mapToDouble(x).toArray(),
                curve.stream().mapToDouble(EpochRecord::trainLoss).toArray());
    }

    /**
     * Seconds per phase: a stacked bar per worker, or, beyond {@link PhaseTimes#MAX_WORKERS_DRAWN}
     * workers, the quantiles across workers per phase, saying so in the title.
     */
    static CategoryChart breakdown(PhaseTimes times) {
        if (times.drawnAsQuantiles()) {
            return quantileBreakdown(times);
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Time breakdown per worker")
                .xAxisTitle("worker").yAxisTitle("seconds").build();
        chart.getStyler().setStacked(true);
        if (times.workers() > UPRIGHT_LABELS_MAX) {
            chart.getStyler().setXAxisLabelRotation(90);
        }
        if (times.workers() == 0) {
            return chart;
        }
        List<String> workers = times.secondsByWorker().keySet().stream().map(String::valueOf).toList();
        for (Phase p : Phase.values()) {
            List<Double> values = times.secondsByWorker().values().stream().map(v -> v[p.ordinal()]).toList();
            chart.addSeries(phaseName(p), workers, values);
        }
        return chart;
    }

    private static CategoryChart quantileBreakdown(PhaseTimes times) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Time per phase across " + times.workers() + " workers: min, quartiles, max")
                .xAxisTitle("phase (too many workers for a bar each: spread across workers instead)")
                .yAxisTitle("seconds").build();
        List<String> phases = Arrays.stream(Phase.values()).map(Plots::phaseName).toList();
        List<double[]> quantiles = Arrays.stream(Phase.values()).map(times::quantiles).toList();
        for (int level = 0; level < PhaseTimes.LEVELS.length; level++) {
            int l = level;
            chart.addSeries(PhaseTimes.LEVEL_NAMES.get(level), phases, quantiles.stream().map(q -> q[l]).toList());
        }
        return chart;
    }

    /** Several runs' mean seconds per worker in each phase, side by side. */
    static CategoryChart meanBreakdowns(List<ReportedRun> runs) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Mean time per worker in each phase").xAxisTitle("phase").yAxisTitle("seconds").build();
        List<String> phases = Arrays.stream(Phase.values()).map(Plots::phaseName).toList();
        for (ReportedRun run : runs) {
            if (run.phases().workers() > 0) {
                chart.addSeries(run.name(), phases, Arrays.stream(run.phases().means()).boxed().toList());
            }
        }
        return chart;
    }

    static String phaseName(Phase phase) {
        return phase.name().toLowerCase(Locale.ROOT);
    }

    static byte[] png(Chart<?, ?> chart) throws IOException {
        return PngEncoder.encode(BitmapEncoder.getBufferedImage(chart));
    }

    /** The final model's loss on the test set, and its label with the accuracy where there is one. */
    record TestValue(double loss, String label) {
        static TestValue of(JsonNode metrics) {
            List<String> parts = new ArrayList<>();
            JsonNode loss = metrics.path("testLoss");
            JsonNode inertia = metrics.path("testInertia");
            JsonNode value = loss.isNumber() ? loss : inertia;
            if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                return null;
            }
            // Rounded as the summary and the report's table round them.
            parts.add((loss.isNumber() ? "test loss " : "test inertia ") + Summary.value("testLoss", value));
            JsonNode accuracy = metrics.path("testAccuracy");
            if (accuracy.isNumber()) {
                parts.add("accuracy " + Summary.value("testAccuracy", accuracy));
            }
            return new TestValue(value.asDouble(), String.join(", ", parts) + " (final model)");
        }
    }
}
