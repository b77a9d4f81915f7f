package dev.cumulus.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cumulus.cli.output.ExitCodes;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Re-renders a run directory's plots and prints its summary. */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Re-render a run's plots and print its summary.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "A directory written by 'cumulus train'.")
    Path runDir;

    @Override
    public Integer call() throws Exception {
        RunDirectory run = new RunDirectory(runDir);
        JsonNode json = run.runJson();
        run.renderPlots();
        Summary.print(json, spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
