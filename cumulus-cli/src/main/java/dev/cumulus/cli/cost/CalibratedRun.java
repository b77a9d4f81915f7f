package dev.cumulus.cli.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cumulus.cli.report.RunDirectory;
import dev.cumulus.engine.metrics.TimelineEvent;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.sim.cost.Calibration;
import dev.cumulus.sim.cost.Calibrator;
import dev.cumulus.sim.cost.JobShape;
import dev.cumulus.sim.cost.ModelParameters;
import dev.cumulus.sim.cost.RunMeasurements;
import dev.cumulus.sim.cost.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A run directory read for calibration: its job (bound again from run.json), what it measured (timeline.csv
 * and the wall time), and the calibration fitted to them, written beside the run as {@value #FILE}.
 */
public final class CalibratedRun {
    /** The calibration's file name in the run directory. */
    public static final String FILE = "calibration.json";

    private final BoundJob job;
    private final RunMeasurements measurements;

    private CalibratedRun(BoundJob job, RunMeasurements measurements) {
        this.job = job;
        this.measurements = measurements;
    }

    /**
     * Reads {@code dir}; the run is taken to have shared this machine's cores if its functions ran locally.
     *
     * @throws NoSuchFileException if run.json or timeline.csv is missing
     * @throws IllegalArgumentException naming the file and field if one is malformed
     */
    public static CalibratedRun read(Path dir) throws IOException {
        RunDirectory run = new RunDirectory(dir);
        JsonNode root = run.runJson();
        JsonNode jobNode = required(root, "job", dir);
        String yaml = new ObjectMapper(new YAMLFactory()).writeValueAsString(jobNode);
        BoundJob job = Protocols.read(yaml, dir.resolve("run.json") + " (job)", List.of());
        double wall = required(required(root, "breakdown", dir), "wallSeconds", dir).asDouble();
        int epochs = root.path("epochs").isArray() && root.path("epochs").size() > 0
                ? root.path("epochs").size() : job.spec().training().epochs();
        Path timeline = dir.resolve("timeline.csv");
        if (!Files.exists(timeline)) {
            throw new NoSuchFileException(timeline.toString(), null, "not a run directory (missing timeline.csv)");
        }
        List<TimelineEvent> events;
        try {
            String csv = Files.readString(timeline, StandardCharsets.UTF_8);
            events = TimelineEvent.parseAll(csv.substring(csv.indexOf('\n') + 1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Malformed " + timeline + ": " + e.getMessage(), e);
        }
        String platform = job.spec().platform().type();
        RunMeasurements measured = new RunMeasurements(root.path("runId").asText(dir.getFileName().toString()),
                events, wall, epochs, Store.of(job.spec().channel()), platform,
                platform.equals("lambda") ? 0 : Runtime.getRuntime().availableProcessors());
        return new CalibratedRun(job, measured);
    }

    /**
     * The calibration of the run in {@code runDir}: its {@value #FILE}, or, if it has none, one fitted now and
     * written there (and said so on {@code err}).
     */
    public static Calibration load(Path runDir, java.io.PrintWriter err) throws IOException {
        Path file = runDir.resolve(FILE);
        if (Files.exists(file)) {
            return CalibrationFile.read(file);
        }
        Calibration c = read(runDir).calibrateAndWrite(runDir);
        err.println("cumulus: wrote " + file);
        err.flush();
        return c;
    }

    /**
     * The calibration of repeats of one run: each directory's (see {@link #load(Path, java.io.PrintWriter)}),
     * combined by {@link Calibration#median}.
     */
    public static Calibration load(List<Path> runDirs, java.io.PrintWriter err) throws IOException {
        List<Calibration> each = new java.util.ArrayList<>();
        for (Path dir : runDirs) {
            each.add(load(dir, err));
        }
        return Calibration.median(each);
    }

    private static JsonNode required(JsonNode node, String field, Path dir) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("Malformed " + dir.resolve("run.json") + ": missing field " + field);
        }
        return value;
    }

    public BoundJob job() {
        return job;
    }

    public RunMeasurements measurements() {
        return measurements;
    }

    /** Fits the model to the run (loading or generating the job's data to know its shape). */
    public Calibration calibrate() {
        return Calibrator.fit(JobShape.of(job), measurements, ModelParameters.defaults());
    }

    /** Fits the model and writes {@value #FILE} beside the run, write-then-rename. */
    public Calibration calibrateAndWrite(Path dir) throws IOException {
        Calibration calibration = calibrate();
        CalibrationFile.write(dir.resolve(FILE), calibration);
        return calibration;
    }
}
