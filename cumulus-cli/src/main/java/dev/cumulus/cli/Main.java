package dev.cumulus.cli;

import dev.cumulus.cli.output.ExitCodes;
import dev.cumulus.cli.output.Redacted;
import dev.cumulus.cli.cost.CostCommand;
import dev.cumulus.cli.data.DataCommand;
import dev.cumulus.cli.model.EvaluateCommand;
import dev.cumulus.cli.model.PredictCommand;
import dev.cumulus.cli.peer.PeerCommand;
import dev.cumulus.cli.ps.PsCommand;
import dev.cumulus.cli.report.ReportCommand;
import dev.cumulus.cli.simulate.SimulateCommand;
import dev.cumulus.cli.train.TrainCommand;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code cumulus} command. */
@Command(name = "cumulus", mixinStandardHelpOptions = true, versionProvider = Main.BuildVersion.class,
        scope = ScopeType.INHERIT,
        description = "Train machine-learning models on stateless functions that talk through storage.")
public final class Main {
    /**
     * The subcommands, in the order `--help` lists them. Added in code rather than in the annotation
     * so that a run of one command builds only that one: picocli reflects over every option of
     * every command it is given. In a fresh JVM the whole tree took 0.39-0.43 s of CPU, the train
     * command alone 0.20-0.24 s, at every start (function processes run `cumulus worker`).
     */
    static final List<Class<?>> COMMANDS = List.of(TrainCommand.class, EvaluateCommand.class, PredictCommand.class,
            DataCommand.class, CostCommand.class, SimulateCommand.class, ReportCommand.class, WorkerCommand.class,
            JobDocCommand.class, PsCommand.class, PeerCommand.class, dev.cumulus.cli.peer.KeysCommand.class,
            HelpCommand.class);

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean debug;

    /** The version the build stamped, the same that run.json and model files record. */
    static final class BuildVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"cumulus " + dev.cumulus.engine.model.Build.version() + " (commit "
                    + dev.cumulus.engine.model.Build.commit() + ")"};
        }
    }

    public static void main(String[] args) {
        // Function processes this JVM starts run as `cumulus worker`, through the same class path.
        System.setProperty(dev.cumulus.runtime.platform.Platforms.WORKER_MAIN_PROPERTY, Main.class.getName());
        StderrFilter.drainAtExit();
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code: 0 success, 2 usage error, 1 failure. */
    public static int run(String... args) {
        return commandLine(Arrays.asList(args).contains("--debug"), commandsFor(args)).execute(args);
    }

    /** The command tree with its error handlers, ready to execute; tests walk its subcommands. */
    public static CommandLine commandLine(boolean debug) {
        return commandLine(debug, COMMANDS);
    }

    /**
     * The one command the arguments name, or every command when they name none, name `help` (which
     * lists them) or name something unknown (whose error suggests the near names).
     */
    static List<Class<?>> commandsFor(String... args) {
        String first = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
        for (Class<?> command : COMMANDS) {
            if (command != HelpCommand.class && command.getAnnotation(Command.class).name().equals(first)) {
                return List.of(command);
            }
        }
        return COMMANDS;
    }

    private static CommandLine commandLine(boolean debug, List<Class<?>> commands) {
        CommandLine cl = new CommandLine(new Main());
        for (Class<?> command : commands) {
            cl.addSubcommand(command);
        }
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            // One line that says what is wrong; the usage is one --help away.
            err.println("cumulus: " + Redacted.text(ex.getMessage()) + " (see '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            err.println("cumulus: " + ErrorReport.message(ex));
            if (debug) {
                err.print(Redacted.text(stackTrace(ex)));
            }
            err.flush();
            return ErrorReport.isUsageError(ex) ? ExitCodes.USAGE : ExitCodes.FAILURE;
        });
        return cl;
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
