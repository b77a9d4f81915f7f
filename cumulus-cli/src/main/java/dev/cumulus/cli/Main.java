package dev.cumulus.cli;

import dev.cumulus.cli.report.ReportCommand;
import dev.cumulus.cli.simulate.SimulateCommand;
import dev.cumulus.cli.train.TrainCommand;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code cumulus} command. */
@Command(name = "cumulus", mixinStandardHelpOptions = true, version = "cumulus 0.1.0",
        description = "Train machine-learning models on stateless functions that talk through storage.",
        subcommands = {TrainCommand.class, SimulateCommand.class, ReportCommand.class, WorkerCommand.class,
                JobDocCommand.class, dev.cumulus.cli.data.DataCommand.class})
public final class Main {

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean debug;

    public static void main(String[] args) {
        // Function processes this JVM starts run as `cumulus worker`, through the same class path.
        System.setProperty("cumulus.worker.mainClass", Main.class.getName());
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code: 0 success, 2 usage error, 1 failure. */
    public static int run(String... args) {
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            // One line that says what is wrong; the usage is one --help away.
            err.println("cumulus: " + ex.getMessage() + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            err.flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println("cumulus: " + ErrorReport.message(ex));
            if (debug) {
                ex.printStackTrace(err);
            }
            return ErrorReport.isUsageError(ex) ? ExitCodes.USAGE : ExitCodes.FAILURE;
        });
        return cl.execute(args);
    }
}
