package dev.cumulus.cli.cost;

import dev.cumulus.io.AtomicFiles;
import dev.cumulus.sim.cost.ParetoFront;
import dev.cumulus.sim.cost.Prediction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code cost.png}: predicted time against dollars, one point per configuration, the Pareto front of those
 * that fit drawn.
 */
final class CostChart {
    private CostChart() {
    }

    static void write(List<Prediction> predictions, List<Prediction> feasible, String title, Path file)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart = new XYChartBuilder().width(900).height(600).title(title)
                .xAxisTitle("predicted wall time (s)").yAxisTitle("predicted cost (USD)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true).setMarkerSize(8);
        Map<String, List<Prediction>> byConfiguration = new LinkedHashMap<>();
        for (Prediction p : predictions) {
            byConfiguration.computeIfAbsent(p.deployment().label(), k -> new java.util.ArrayList<>()).add(p);
        }
        byConfiguration.forEach((label, points) -> chart.addSeries(label,
                points.stream().mapToDouble(Prediction::wallSeconds).toArray(),
                points.stream().mapToDouble(p -> Math.max(p.totalUsd(), 1e-9)).toArray()));
        List<Prediction> front = ParetoFront.of(feasible);
        XYSeries line = chart.addSeries("Pareto front", front.stream().mapToDouble(Prediction::wallSeconds).toArray(),
                front.stream().mapToDouble(p -> Math.max(p.totalUsd(), 1e-9)).toArray());
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE);
        line.setLineColor(java.awt.Color.BLACK);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, png.toByteArray());
    }
}
