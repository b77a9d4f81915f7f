package dev.cumulus.cli.train;

import dev.cumulus.cli.output.ExitCodes;
import dev.cumulus.cli.output.Redacted;
import dev.cumulus.cli.output.RunDirectoryReservation;
import dev.cumulus.cli.output.RunDirectoryReservation.Written;
import dev.cumulus.cli.progress.ProgressDisplay;
import dev.cumulus.cli.report.PlotWarmUp;
import dev.cumulus.cli.report.RunDirectory;
import dev.cumulus.cli.report.Summary;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import dev.cumulus.cli.output.RunStatus;
import dev.cumulus.engine.job.Job;
import dev.cumulus.engine.job.JobReader;
import dev.cumulus.runtime.platform.PlatformSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.stream.Stream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cumulus train JOB.yaml}: runs a training job and writes its run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model as a job file describes, and write a run directory.")
public final class TrainCommand implements Callable<Integer> {
    /** Where the default channel of a run on function processes lives, inside its run directory. */
    static final String LOCAL_CHANNEL = "channel";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB.yaml", description = "The job file (see docs/JOB.md).")
    Path jobFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a job key, such as workers=8.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "RUN_DIR",
            description = "Run directory, new or empty (default: runs/<time>-<id>).")
    Path out;

    @Option(names = "--force", description = "Write into RUN_DIR even if it holds files, such as an earlier run.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "Print only the summary: no stage lines, no progress.")
    boolean quiet;

    /**
     * The overrides, plus a {@code file:} channel inside the run directory when functions run outside
     * this JVM and the job names no channel (the in-memory default cannot reach them).
     */
    private List<String> withDefaultChannel(Path dir) {
        Job raw = new JobReader(Protocols.schema()).read(jobFile, overrides);
        if (raw.isSet("channel") || raw.string("platform.type").equals(PlatformSpec.THREADS)) {
            return overrides;
        }
        List<String> all = new ArrayList<>(overrides);
        all.add("channel=file:" + dir.toAbsolutePath().resolve(LOCAL_CHANNEL));
        return all;
    }

    /** The default channel's directory, empty once the run removed its keys. */
    private static void deleteLocalChannel(Path dir) {
        Path channel = dir.resolve(LOCAL_CHANNEL);
        if (!Files.isDirectory(channel)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(channel)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Left behind, and the run's keys in it were removed: only empty directories remain.
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Path dir = out != null ? out : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern(
                "yyyyMMdd-HHmmss")) + "-" + UUID.randomUUID().toString().substring(0, 8));
        BoundJob job = Protocols.read(jobFile, withDefaultChannel(dir));
        job.warnings().forEach(w -> {
            err.println("cumulus: warning: " + w);
            err.flush();
        });
        // Claimed before any data is read: a run that cannot keep its result does not start.
        try (RunDirectoryReservation reservation = RunDirectoryReservation.reserve(dir, force)) {
            RunStatus status = new RunStatus(reservation.path());
            status.running();
            Thread onSignal = new Thread(status::interrupted, "cumulus-status");
            Runtime.getRuntime().addShutdownHook(onSignal);
            RunResult result;
            // Closed before anything else is printed: the live line must not run into the summary or an error.
            try (ProgressDisplay display = ProgressDisplay.forStderr(err, quiet)) {
                // The run directory's charts, drawn at the end, find their libraries loaded: warmed up once
                // training has gone on for a second, not while the data is read, which takes every core,
                // nor in a short run, whose end it would only delay (docs/bench/peers.md).
                PlotWarmUp.Schedule plotWarmUp = new PlotWarmUp.Schedule();
                result = new Driver(line -> display.stage(Redacted.text(line)), progress -> {
                    plotWarmUp.reported(System.nanoTime());
                    display.progress(progress);
                }).run(job);
            } catch (RuntimeException e) {
                status.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                throw e;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(onSignal);
                } catch (IllegalStateException shuttingDown) {
                    // the hook records the interruption
                }
                deleteLocalChannel(dir);
            }
            status.finished();
            Written written = reservation.write(d -> new RunDirectory(d).write(result,
                    Map.of("storeCost", StoreBill.of(result))));
            if (written.fellBack()) {
                err.println("cumulus: cannot write " + dir + " (" + written.problem() + "); wrote the run to "
                        + written.path() + " instead");
                err.flush();
            }
            PrintWriter stdout = spec.commandLine().getOut();
            Summary.print(new RunDirectory(written.path()).runJson(), stdout);
            stdout.println("report: " + written.path().resolve("run.json"));
            stdout.flush();
            return written.fellBack() ? ExitCodes.FAILURE : ExitCodes.OK;
        }
    }
}
