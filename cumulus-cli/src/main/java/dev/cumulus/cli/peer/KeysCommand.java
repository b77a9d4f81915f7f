package dev.cumulus.cli.peer;

import dev.cumulus.cli.output.ExitCodes;
import dev.cumulus.engine.p2p.auth.KeyFiles;
import dev.cumulus.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cumulus keys DIR --peers P} (or {@code --rank R}): Ed25519 key pairs for the peers of a
 * p2p job: {@code DIR/peer-R.key} (private, mode 0600) for each, and the job's key list
 * {@code DIR/keys.txt} ({@code p2p.keys}); with {@code --rank}, the one peer's key and its line
 * {@code DIR/peer-R.pub}, to append to the job's list.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Write Ed25519 key pairs for the peers of a p2p job: DIR/peer-R.key (private, mode 0600, give it "
                + "to peer R only) and the public key list DIR/keys.txt for p2p.keys (docs/P2P.md, \"Authenticated peers\").")
public final class KeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Where to write the key files (created if missing).")
    Path dir;

    @Option(names = "--peers", paramLabel = "P", description = "Key pairs for ranks 0 to P - 1, and their list keys.txt.")
    Integer peers;

    @Option(names = "--rank", paramLabel = "R", description = "One key pair, for rank R (such as a peer that joins): "
            + "peer-R.key and its list line peer-R.pub.")
    Integer rank;

    @Option(names = "--force", description = "Replace key files that exist.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if ((peers == null) == (rank == null) || (peers != null && peers < 1) || (rank != null && rank < 0)) {
            err.println("cumulus: keys: give exactly one of --peers P (P >= 1) or --rank R (R >= 0)");
            err.flush();
            return ExitCodes.USAGE;
        }
        List<Integer> ranks = new ArrayList<>();
        if (peers != null) {
            for (int r = 0; r < peers; r++) {
                ranks.add(r);
            }
        } else {
            ranks.add(rank);
        }
        Path list = dir.resolve(peers != null ? "keys.txt" : "peer-" + rank + ".pub");
        List<Path> targets = new ArrayList<>(ranks.stream().map(r -> dir.resolve("peer-" + r + ".key")).toList());
        targets.add(list);
        for (Path target : targets) {
            if (Files.exists(target) && !force) {
                err.println("cumulus: keys: " + target + " exists; remove it or give --force");
                err.flush();
                return ExitCodes.USAGE;
            }
        }
        StringBuilder lines = new StringBuilder("# Ed25519 public keys of the peers (RANK BASE64), for p2p.keys\n");
        for (int r : ranks) {
            KeyPair pair = KeyFiles.generate();
            Path key = dir.resolve("peer-" + r + ".key");
            KeyFiles.writePrivateKey(key, pair.getPrivate());
            lines.append(r).append(' ').append(KeyFiles.publicKeyText(pair.getPublic())).append('\n');
            out.println("wrote " + key + " (private, mode 0600: give it to peer " + r + " only)");
        }
        AtomicFiles.writeString(list, lines.toString());
        out.println("wrote " + list + (peers != null ? " (set p2p.keys to it)" : " (append its line to the job's p2p.keys)"));
        out.flush();
        return ExitCodes.OK;
    }
}
