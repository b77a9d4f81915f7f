package dev.cumulus.bench.p2pauth;

import dev.cumulus.engine.p2p.auth.KeyFiles;
import dev.cumulus.engine.p2p.auth.PeerDirectory;
import dev.cumulus.engine.p2p.auth.Signer;
import dev.cumulus.engine.p2p.auth.Verifier;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What signing costs a p2p run (docs/P2P.md, "Authenticated peers"): the same Fashion-MNIST
 * softmax job with and without {@code p2p.keys}, interleaved in one JVM, and the ratio of their
 * wall times; and beside it, one Ed25519 signature and one verification of a round's envelope in
 * this JVM, the per-round cost that makes the difference.
 *
 * <pre>java -cp cumulus-bench/target/benchmarks.jar dev.cumulus.bench.p2pauth.SignedRoundsRatio [PEERS] [REPEATS]</pre>
 */
public final class SignedRoundsRatio {
    private SignedRoundsRatio() {
    }

    public static void main(String[] args) throws Exception {
        int peers = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("cumulus-signed-rounds");
        StringBuilder list = new StringBuilder();
        List<KeyPair> pairs = new ArrayList<>();
        for (int r = 0; r < peers; r++) {
            KeyPair pair = KeyFiles.generate();
            pairs.add(pair);
            KeyFiles.writePrivateKey(dir.resolve("peer-" + r + ".key"), pair.getPrivate());
            list.append(r).append(' ').append(KeyFiles.publicKeyText(pair.getPublic())).append('\n');
        }
        Files.writeString(dir.resolve("keys.txt"), list);
        String base = """
                dataset: { source: fashion-mnist, rows: 6000 }
                model: { type: softmax, standardize: true }
                algorithm: { optimizer: momentum, learningRate: 0.01, batchSize: 16, epochs: 2 }
                seed: 7
                protocol: p2p
                """;
        String keys = ", keys: \"" + dir.resolve("keys.txt") + "\", privateKey: \"" + dir.resolve("peer-{rank}.key") + "\"";
        double plainSum = 0;
        double signedSum = 0;
        System.out.println("| repeat | unsigned s | signed s | ratio | test accuracy (both) |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (int i = 0; i <= repeats; i++) {
            RunResult plain = run(base + "p2p: { peers: " + peers + " }\n");
            RunResult signed = run(base + "p2p: { peers: " + peers + keys + " }\n");
            if (i == 0) {
                continue; // warm-up: class loading and the data cache
            }
            plainSum += plain.wallSeconds();
            signedSum += signed.wallSeconds();
            System.out.printf(Locale.ROOT, "| %d | %.2f | %.2f | %.2f | %.4f / %.4f |%n", i, plain.wallSeconds(),
                    signed.wallSeconds(), signed.wallSeconds() / plain.wallSeconds(), plain.metrics().get("testAccuracy"),
                    signed.metrics().get("testAccuracy"));
        }
        System.out.printf(Locale.ROOT, "mean ratio signed/unsigned: %.2f%n", signedSum / plainSum);
        byte[] gradient = new byte[(7850 + 2) * 4 + 9];
        byte[] mark = "joins\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signer signer = new Signer("bench", 0, pairs.get(0).getPrivate());
        Verifier verifier = new Verifier("bench", new PeerDirectory(Map.of(0, pairs.get(0).getPublic())));
        int n = 200;
        long t0 = System.nanoTime();
        List<byte[]> envelopes = new ArrayList<>();
        for (int round = 0; round < n; round++) {
            envelopes.add(signer.sign(round, gradient, mark).encode());
        }
        long t1 = System.nanoTime();
        for (int round = 0; round < n; round++) {
            if (verifier.check(0, round, envelopes.get(round), gradient, mark).isPresent()) {
                throw new IllegalStateException("a genuine envelope was refused");
            }
        }
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "per round envelope (7,852-float gradient): sign %.2f ms, verify %.2f ms%n",
                (t1 - t0) / 1e6 / n, (t2 - t1) / 1e6 / n);
    }

    private static RunResult run(String yaml) {
        return new Driver(line -> { }).run(Protocols.read(yaml, "job.yaml", List.of()));
    }
}
