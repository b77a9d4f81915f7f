package dev.cumulus.cli.report;

import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.TimelineEvent;
import dev.cumulus.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/** The run report's charts, rendered with XChart to PNG. */
final class Plots {
    private Plots() {
    }

    static void loss(List<EpochRecord> curve, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title("Training loss")
                .xAxisTitle("seconds since start").yAxisTitle("training loss").build();
        if (!curve.isEmpty()) {
            double[] x = curve.stream().mapToDouble(EpochRecord::elapsedSeconds).toArray();
            double[] y = curve.stream().mapToDouble(EpochRecord::trainLoss).toArray();
            chart.addSeries("loss per epoch", x, y);
        }
        save(chart, file);
    }

    static void breakdown(List<TimelineEvent> events, Path file) throws IOException {
        TreeMap<Integer, double[]> perWorker = new TreeMap<>();
        for (TimelineEvent e : events) {
            perWorker.computeIfAbsent(e.worker(), w -> new double[Phase.values().length])[e.phase().ordinal()] +=
                    e.durationMicros() / 1e6;
        }
        CategoryChart chart = new CategoryChartBuilder().width(800).height(500).title("Time breakdown per worker")
                .xAxisTitle("worker").yAxisTitle("seconds").build();
        chart.getStyler().setStacked(true);
        if (!perWorker.isEmpty()) {
            List<String> workers = new ArrayList<>();
            perWorker.keySet().forEach(w -> workers.add(Integer.toString(w)));
            for (Phase p : Phase.values()) {
                List<Double> values = new ArrayList<>();
                perWorker.values().forEach(v -> values.add(v[p.ordinal()]));
                chart.addSeries(p.name().toLowerCase(Locale.ROOT), workers, values);
            }
        }
        save(chart, file);
    }

    private static void save(Chart<?, ?> chart, Path file) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, png.toByteArray());
    }
}
