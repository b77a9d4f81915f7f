package dev.cumulus.cli.train;

import dev.cumulus.cli.ExitCodes;
import dev.cumulus.cli.report.RunDirectory;
import dev.cumulus.cli.report.Summary;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cumulus train JOB.yaml}: runs a training job and writes its run directory. */
@Command(name = "train", description = "Train a model as a job file describes, and write a run directory.")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB.yaml", description = "The job file (see docs/JOB.md).")
    Path jobFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a job key, such as workers=8.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "RUN_DIR", description = "Run directory (default: runs/<time>).")
    Path out;

    @Option(names = {"-q", "--quiet"}, description = "Print only the summary.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        BoundJob job = Protocols.read(jobFile, overrides);
        job.warnings().forEach(w -> {
            err.println("cumulus: warning: " + w);
            err.flush();
        });
        Driver driver = new Driver(line -> {
            if (!quiet) {
                err.println("cumulus: " + line);
                err.flush();
            }
        });
        RunResult result = driver.run(job);
        Path dir = out != null ? out
                : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + result.runId());
        RunDirectory runDir = new RunDirectory(dir);
        runDir.write(result, Map.of());
        PrintWriter out = spec.commandLine().getOut();
        Summary.print(runDir.runJson(), out);
        out.println("report: " + dir.resolve("run.json"));
        out.flush();
        return ExitCodes.OK;
    }
}
