package dev.cumulus.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cumulus.cli.output.FileModes;
import dev.cumulus.cli.output.Redacted;
import dev.cumulus.concurrent.Futures;
import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.model.ModelFile;
import dev.cumulus.engine.run.RunResult;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.TimelineEvent;
import dev.cumulus.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A run's directory: {@code run.json}, {@code timeline.csv} (times in microseconds since the run's
 * start), {@code curve.csv}, {@code model.bin}, {@code loss.png} and {@code breakdown.png}. Every
 * file is written atomically; every URI in the job and provenance is written with its password
 * masked. Files are readable by all (0644) except {@code run.json}, which records the whole job as
 * given and so is the owner's alone (0600).
 */
public final class RunDirectory {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path dir;

    public RunDirectory(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    /** Writes every file of a finished run. */
    public void write(RunResult run, Map<String, Object> extra) throws IOException {
        Files.createDirectories(dir);
        // The engine masks secrets in provenance; the model file holds nothing else from the job.
        ModelFile.write(dir.resolve("model.bin"), run.model(), run.provenance());
        AtomicFiles.writeString(dir.resolve("curve.csv"), EpochRecord.toCsv(run.curve()));
        StringBuilder csv = new StringBuilder(TimelineEvent.CSV_HEADER).append('\n');
        run.timeline().forEach(e -> csv.append(e.csv()).append('\n'));
        AtomicFiles.writeString(dir.resolve("timeline.csv"), csv.toString());
        AtomicFiles.write(dir.resolve("run.json"), JSON.writeValueAsBytes(runJson(run, extra)));
        renderPlots();
        for (String name : List.of("model.bin", "curve.csv", "timeline.csv")) {
            FileModes.readableByAll(dir.resolve(name));
        }
        FileModes.ownerOnly(dir.resolve("run.json"));
    }

    private static Map<String, Object> runJson(RunResult run, Map<String, Object> extra) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("runId", run.runId());
        root.put("job", Redacted.map(run.job().resolved()));
        root.put("provenance", run.provenance());
        root.put("metrics", run.metrics());
        Map<String, Object> breakdown = new LinkedHashMap<>();
        breakdown.put("startupSeconds", run.breakdown().of(Phase.STARTUP));
        breakdown.put("loadSeconds", run.breakdown().of(Phase.LOAD));
        breakdown.put("computeSeconds", run.breakdown().of(Phase.COMPUTE));
        breakdown.put("communicationSeconds", run.breakdown().of(Phase.COMMUNICATE));
        breakdown.put("waitSeconds", run.breakdown().of(Phase.WAIT));
        breakdown.put("wallSeconds", run.wallSeconds());
        root.put("breakdown", breakdown);
        root.put("epochs", run.curve());
        root.put("cost", run.cost());
        if (!run.protocolReport().isEmpty()) {
            root.put("protocolReport", run.protocolReport());
        }
        root.putAll(Redacted.map(extra));
        return root;
    }

    /** Re-renders loss.png and breakdown.png from curve.csv, timeline.csv and run.json's metrics. */
    public void renderPlots() throws IOException {
        JsonNode metrics = runJson().path("metrics");
        List<TimelineEvent> timeline = timeline();
        // Two charts, drawn and PNG-encoded on one core each: the breakdown on a thread of its own
        // while this one draws the loss (0.25-0.3 s for both, one after the other, at the end of a run).
        CompletableFuture<byte[]> breakdown = CompletableFuture.supplyAsync(() -> {
            try {
                return Plots.png(Plots.breakdown(PhaseTimes.of(timeline)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> {
            Thread thread = new Thread(task, "cumulus-chart");
            thread.setDaemon(true);
            thread.start();
        });
        AtomicFiles.write(dir.resolve("loss.png"), Plots.png(Plots.loss(curve(), metrics)));
        AtomicFiles.write(dir.resolve("breakdown.png"), joined(breakdown));
        FileModes.readableByAll(dir.resolve("loss.png"));
        FileModes.readableByAll(dir.resolve("breakdown.png"));
    }

    /** The chart's bytes; its failure as thrown (an IOException as such). */
    private static byte[] joined(CompletableFuture<byte[]> chart) throws IOException {
        try {
            return Futures.await(chart, "drawing breakdown.png");
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The loss per epoch, from curve.csv. */
    public List<EpochRecord> curve() throws IOException {
        return EpochRecord.fromCsv(read("curve.csv"));
    }

    /** Every worker's timed stretches, from timeline.csv (microseconds since the run's start). */
    public List<TimelineEvent> timeline() throws IOException {
        List<TimelineEvent> events = new ArrayList<>();
        String[] lines = read("timeline.csv").split("\n");
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                events.add(TimelineEvent.parse(lines[i].trim()));
            }
        }
        return events;
    }

    /** The parsed run.json. */
    public JsonNode runJson() throws IOException {
        return JSON.readTree(read("run.json"));
    }

    private String read(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "not a run directory (missing " + name + ")");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
