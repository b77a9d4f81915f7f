package dev.cumulus.cli.peer;

import dev.cumulus.cli.output.ExitCodes;
import dev.cumulus.cli.output.Redacted;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.p2p.StandalonePeer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cumulus peer JOB.yaml --rank R --run NAME}: runs one peer of a {@code p2p} job on this
 * machine, without a driver; {@code --join} joins a running job as a new peer (docs/P2P.md).
 */
@Command(name = "peer", mixinStandardHelpOptions = true,
        description = "Run one peer of a p2p job (each peer started by hand with the same job and run name), "
                + "or join a running p2p job as a new peer.")
public final class PeerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "JOB.yaml", description = "The job file, of protocol p2p (see docs/P2P.md).")
    Path jobFile;

    @Option(names = "--rank", required = true, paramLabel = "R",
            description = "This peer's rank: 0 to p2p.peers - 1 for the job's peers; a joiner takes a rank not in use.")
    int rank;

    @Option(names = "--run", paramLabel = "NAME",
            description = "The run's name, the same for every peer (with --join: default the one live run in peer 0's store).")
    String run;

    @Option(names = "--store", paramLabel = "URI",
            description = "This peer's store (default: its entry in p2p.stores).")
    String store;

    @Option(names = "--join", description = "Join a running job: ask the live peers, start from their state next round.")
    boolean join;

    @Option(names = "--key", paramLabel = "FILE",
            description = "This peer's Ed25519 private key (from `cumulus keys`), when the job lists the peers' keys "
                    + "(p2p.keys); default: p2p.privateKey.")
    Path key;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a job key, such as p2p.exclusionMillis=5000.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (run == null && !join) {
            err.println("cumulus: peer: --run NAME is required unless the peer joins (--join)");
            err.flush();
            return ExitCodes.USAGE;
        }
        BoundJob job = Protocols.read(jobFile, overrides);
        job.warnings().forEach(w -> err.println("cumulus: warning: " + w));
        StandalonePeer.Result result = StandalonePeer.run(job, run, rank, store, join, key, line -> {
            err.println("cumulus: " + Redacted.text(line));
            err.flush();
        });
        out.printf(Locale.ROOT, "run %s, peer %d: %d epochs, final train loss %.6f, test accuracy %.4f%n",
                result.runId(), result.rank(), result.curve().size(),
                result.curve().isEmpty() ? Double.NaN : result.curve().get(result.curve().size() - 1).trainLoss(),
                result.metrics().getOrDefault("testAccuracy", Double.NaN));
        out.flush();
        return ExitCodes.OK;
    }
}
