package dev.cumulus.cli.report;

import dev.cumulus.cli.output.ExitCodes;
import dev.cumulus.cli.output.FileModes;
import dev.cumulus.io.AtomicFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Re-renders run directories' plots, prints their summaries and writes one self-contained
 * {@code report.html}; given several runs, the report overlays them.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Re-render runs' plots, print their summaries and write a self-contained report.html.",
                "Several runs are overlaid: loss against time and epochs, breakdowns side by side, one table."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "Directories written by 'cumulus train'.")
    List<Path> runDirs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write the report (default: RUN_DIR/report.html for one run, "
                    + "./report.html for several).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        List<ReportedRun> runs = new ArrayList<>();
        for (Path dir : runDirs) {
            RunDirectory run = new RunDirectory(dir);
            Summary.print(run.runJson(), stdout);
            run.renderPlots();
            runs.add(ReportedRun.load(run));
        }
        Path file = out != null ? out
                : runDirs.size() == 1 ? runDirs.get(0).resolve("report.html") : Path.of("report.html");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        AtomicFiles.writeString(file, HtmlReport.render(runs));
        // The report holds the jobs, as run.json does: the owner's alone.
        FileModes.ownerOnly(file);
        stdout.println("report: " + file);
        stdout.flush();
        return ExitCodes.OK;
    }
}
