package dev.cumulus.cli.ps;

import dev.cumulus.cli.output.ExitCodes;
import dev.cumulus.ps.ParameterServerMain;
import dev.cumulus.ps.ServerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cumulus ps}: runs the hybrid parameter server until SIGINT or SIGTERM. The first line it
 * prints is the address functions reach it at; its state directory lets a restarted server resume.
 */
@Command(name = "ps", mixinStandardHelpOptions = true,
        description = {"Run the parameter server: functions push gradients and pull the model over gRPC.",
                "Prints the address it listens on, then serves until SIGINT or SIGTERM."})
public final class PsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--state", paramLabel = "DIR", required = true,
            description = "Directory for the snapshot and journal; a server restarted on it resumes.")
    Path state;

    @Option(names = "--port", paramLabel = "P", defaultValue = "0", description = "Port (default: any free port).")
    int port;

    @Option(names = "--host", paramLabel = "H", defaultValue = "127.0.0.1",
            description = "Interface to bind (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--snapshot-interval", paramLabel = "N", defaultValue = "64",
            description = "Model updates (BSP rounds, ASP steps) between snapshots; the journal holds the pushes"
                    + " since (default ${DEFAULT-VALUE}).")
    int snapshotInterval;

    @Override
    public Integer call() throws IOException {
        ServerOptions options = ServerOptions.builder(state).host(host).port(port)
                .snapshotInterval(snapshotInterval).build();
        PrintWriter out = spec.commandLine().getOut();
        ParameterServerMain.serve(options, address -> {
            out.println(address);
            out.flush();
        });
        return ExitCodes.OK;
    }
}
