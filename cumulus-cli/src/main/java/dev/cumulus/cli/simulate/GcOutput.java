package dev.cumulus.cli.simulate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cumulus.cli.output.FileModes;
import dev.cumulus.io.AtomicFiles;
import dev.cumulus.sim.gc.GcReport;
import dev.cumulus.sim.gc.GcScenario;
import dev.cumulus.sim.gc.TrialResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Writes a simulation's {@code gc.json}, {@code completion.png} and {@code mse.png}. */
final class GcOutput {
    private GcOutput() {
    }

    static void write(GcReport report, String command, Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.write(dir.resolve("gc.json"), mapper.writeValueAsBytes(json(mapper, report, command)));
        System.setProperty("java.awt.headless", "true");
        AtomicFiles.write(dir.resolve("completion.png"), png(completionChart(report)));
        AtomicFiles.write(dir.resolve("mse.png"), png(errorChart(report)));
        for (String name : new String[] {"gc.json", "completion.png", "mse.png"}) {
            FileModes.readableByAll(dir.resolve(name));
        }
    }

    static ObjectNode json(ObjectMapper mapper, GcReport report, String command) {
        GcScenario s = report.scenario();
        ObjectNode root = mapper.createObjectNode();
        root.put("command", command);
        ObjectNode config = root.putObject("scenario");
        config.put("workers", s.workers());
        config.put("chunks", s.chunks());
        config.put("load", s.load());
        config.put("parts", s.parts());
        config.put("assignment", GcTable.name(s.assignment()));
        config.put("order", GcTable.name(s.order()));
        config.put("chunkTime", s.stragglers().chunkTime().spec());
        config.put("workerSlowdown", s.stragglers().workerSlowdown().map(d -> d.spec()).orElse(null));
        config.put("slowFraction", s.stragglers().slowFraction());
        config.put("slowdown", s.stragglers().slowdown());
        config.put("failFraction", s.stragglers().failFraction());
        config.put("trials", s.trials());
        config.put("seed", s.seed());
        root.put("qMax", report.qMax());
        root.put("elapsedMillis", report.elapsedMillis());
        ObjectNode exact = root.putObject("exact");
        statistic(exact.putObject("waitForAll"), report.waitForAll());
        statistic(exact.putObject("classic"), report.classic());
        statistic(exact.putObject("partial"), report.partial());
        number(exact, "speedupOverClassic", report.speedupOverClassic());
        ArrayNode approximate = root.putArray("approximate");
        double[] deadlines = s.deadlines();
        for (int d = 0; d < deadlines.length; d++) {
            ObjectNode row = approximate.addObject();
            row.put("deadline", deadlines[d]);
            row.put("ignoreStragglers", report.meanIgnoreError()[d]);
            row.put("classic", report.meanClassicError()[d]);
            row.put("partial", report.meanPartialError()[d]);
        }
        return root;
    }

    private static void statistic(ObjectNode node, GcReport.Statistic stat) {
        number(node, "mean", stat.mean());
        number(node, "std", stat.std());
        node.put("completed", stat.completed());
        node.put("trials", stat.total());
    }

    /** JSON has no NaN or infinity: a scheme that never completed gets null. */
    private static void number(ObjectNode node, String field, double value) {
        if (Double.isFinite(value)) {
            node.put(field, value);
        } else {
            node.putNull(field);
        }
    }

    static XYChart completionChart(GcReport report) {
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title("Exact mode: completion time (" + report.scenario().trials() + " trials)")
                .xAxisTitle("completion time (chunk-time units)").yAxisTitle("fraction of trials completed").build();
        // XChart puts the ticks on the data when the y values are equally spaced, as a CDF's k/n
        // are: ticks fell at multiples of 1/n, and the "0.0" pattern printed the one near 0.95 as
        // "1.0", so curves that end at 1.0 seemed to end at 1.05. The line at 1.0, added first,
        // breaks the spacing, so the ticks are tenths; "0.0#" would show any other tick as it is.
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setYAxisDecimalPattern("0.0#");
        double[] span = report.trials().stream().flatMapToDouble(t -> java.util.stream.DoubleStream.of(
                t.waitForAll(), t.classic(), t.partial())).filter(Double::isFinite).sorted().toArray();
        if (span.length > 0) {
            chart.addSeries("all trials", new double[] {span[0], span[span.length - 1]}, new double[] {1, 1})
                    .setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE)
                    .setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH)
                    .setLineColor(java.awt.Color.GRAY);
        }
        addCdf(chart, "wait for all", report.trials(), TrialResult::waitForAll);
        addCdf(chart, "classic GC", report.trials(), TrialResult::classic);
        addCdf(chart, "partial (ours)", report.trials(), TrialResult::partial);
        return chart;
    }

    private static void addCdf(XYChart chart, String name, List<TrialResult> trials,
            ToDoubleFunction<TrialResult> time) {
        double[][] points = cdf(trials, time);
        if (points[0].length > 0) {
            chart.addSeries(name, points[0], points[1]).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        }
    }

    /**
     * The empirical distribution of completion times: sorted times and, at each, the fraction of
     * all trials completed by then. It ends at 1.0 when every trial completed, and below when some
     * never did (their time is infinite).
     */
    static double[][] cdf(List<TrialResult> trials, ToDoubleFunction<TrialResult> time) {
        double[] values = trials.stream().mapToDouble(time).filter(Double::isFinite).sorted().toArray();
        double[] fraction = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            fraction[k] = (k + 1.0) / trials.size();
        }
        return new double[][] {values, fraction};
    }

    private static XYChart errorChart(GcReport report) {
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title("Approximate mode: mean normalised MSE (zeros not drawn)")
                .xAxisTitle("deadline (chunk-time units)").yAxisTitle("normalised MSE").build();
        chart.getStyler().setYAxisLogarithmic(true);
        double[] deadlines = report.scenario().deadlines();
        boolean any = positiveSeries(chart, "ignore stragglers", deadlines, report.meanIgnoreError());
        any |= positiveSeries(chart, "classic GC", deadlines, report.meanClassicError());
        any |= positiveSeries(chart, "partial (ours)", deadlines, report.meanPartialError());
        if (!any) {
            chart.getStyler().setYAxisLogarithmic(false);
            chart.addSeries("all errors are zero", deadlines, new double[deadlines.length]);
        }
        return chart;
    }

    /** Adds the positive points only (a log axis cannot show zero); false if there are none. */
    private static boolean positiveSeries(XYChart chart, String name, double[] x, double[] y) {
        List<double[]> points = new ArrayList<>();
        for (int k = 0; k < x.length; k++) {
            if (y[k] > 0) {
                points.add(new double[] {x[k], y[k]});
            }
        }
        if (points.isEmpty()) {
            return false;
        }
        chart.addSeries(name, points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
        return true;
    }

    private static byte[] png(Chart<?, ?> chart) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(chart, bytes, BitmapEncoder.BitmapFormat.PNG);
        return bytes.toByteArray();
    }
}
