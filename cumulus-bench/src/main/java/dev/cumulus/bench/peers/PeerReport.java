package dev.cumulus.bench.peers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** The comparison's outputs: a table on the console, a CSV of every run and the medians, a PNG chart. */
final class PeerReport {
    private PeerReport() {
    }

    static void printTable(PrintStream out, List<PeerTable.Row> rows, String targetText) {
        out.println();
        out.println("target: " + targetText + "; medians of the rounds; x Cumulus = the tool's whole-process"
                + " time / Cumulus's");
        out.println("| tool | runs | whole process (s) | start + read (s) | training (s) | train loss | test accuracy"
                + " | reached target | x Cumulus |");
        out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (PeerTable.Row r : rows) {
            out.printf(Locale.ROOT, "| %s | %d | %s | %.2f | %.2f | %.5f | %.4f | %s | %s |%n", r.tool(), r.rounds(),
                    seconds(r.processSeconds()), r.readSeconds(), r.trainSeconds(), r.trainLoss(), r.testAccuracy(),
                    r.reachedTarget() ? "yes" : "no", Double.isNaN(r.timesCumulus()) ? "-"
                            : String.format(Locale.ROOT, "%.2f", r.timesCumulus()));
        }
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "- (same JVM)" : String.format(Locale.ROOT, "%.2f", s);
    }

    /** Every measurement (round by round), then the medians, as CSV; written whole, then renamed. */
    static void writeCsv(Path file, List<Measurement> runs, List<Integer> roundOfRun, List<PeerTable.Row> rows)
            throws IOException {
        StringBuilder csv = new StringBuilder("kind,round,tool,processSeconds,readSeconds,trainSeconds,trainLoss,"
                + "testAccuracy,reachedTarget,timesCumulus\n");
        for (int i = 0; i < runs.size(); i++) {
            Measurement m = runs.get(i);
            csv.append(String.format(Locale.ROOT, "run,%d,%s,%.4f,%.4f,%.4f,%.8f,%.6f,,%n", roundOfRun.get(i),
                    m.tool(), m.processSeconds(), m.readSeconds(), m.trainSeconds(), m.trainLoss(), m.testAccuracy()));
        }
        for (PeerTable.Row r : rows) {
            csv.append(String.format(Locale.ROOT, "median,,%s,%.4f,%.4f,%.4f,%.8f,%.6f,%s,%.4f%n", r.tool(),
                    r.processSeconds(), r.readSeconds(), r.trainSeconds(), r.trainLoss(), r.testAccuracy(),
                    r.reachedTarget(), r.timesCumulus()));
        }
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "peers", ".tmp");
        Files.writeString(tmp, csv);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Bars per tool: the whole process, the start and read inside it, and the training alone. */
    static void writePng(Path file, List<PeerTable.Row> rows, String title) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(560).title(title)
                .xAxisTitle("tool (medians)").yAxisTitle("seconds").build();
        List<String> tools = new ArrayList<>();
        List<Double> process = new ArrayList<>();
        List<Double> read = new ArrayList<>();
        List<Double> train = new ArrayList<>();
        for (PeerTable.Row r : rows) {
            tools.add(r.tool());
            process.add(Double.isNaN(r.processSeconds()) ? 0.0 : r.processSeconds());
            read.add(r.readSeconds());
            train.add(r.trainSeconds());
        }
        chart.addSeries("whole process", tools, process);
        chart.addSeries("start + read", tools, read);
        chart.addSeries("training", tools, train);
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "peers", ".png");
        BitmapEncoder.saveBitmap(chart, tmp.toString(), BitmapEncoder.BitmapFormat.PNG);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
