package dev.cumulus.cli.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two {@code cumulus peer} commands started by hand with the same job and run name train together without a driver. */
class PeerCommandTest {

    private record Ran(int exitCode, String out, String err) {
    }

    private static Ran peer(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var commandLine = Main.commandLine(false);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Ran(code, out.toString(), err.toString());
    }

    @Test
    void twoPeersStartedByHandTrainTheSameModel(@TempDir Path dir) throws Exception {
        Path job = dir.resolve("job.yaml");
        Files.writeString(job, """
                dataset: { source: fashion-mnist, rows: 1600 }
                model: { type: softmax, standardize: true }
                algorithm: { optimizer: sgd, learningRate: 0.01, batchSize: 16, epochs: 1 }
                protocol: p2p
                p2p: { peers: 2, stores: "memory:cli-peer-0 memory:cli-peer-1" }
                """);
        CompletableFuture<Ran> first = CompletableFuture.supplyAsync(() -> peer("peer", job.toString(), "--rank", "0", "--run", "by-hand"));
        Ran second = peer("peer", job.toString(), "--rank", "1", "--run", "by-hand");
        Ran zero = first.get(2, TimeUnit.MINUTES);

        assertThat(zero.exitCode()).as(zero.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(zero.err()).contains("peer-0: finished with 2 live peers [0, 1]");
        String accuracy = zero.out().replaceAll("(?s).*test accuracy ([0-9.]+).*", "$1");
        assertThat(Double.parseDouble(accuracy)).isGreaterThan(0.5);
        // The same gradients in the same order: the same model, so the same accuracy.
        assertThat(second.out()).contains("test accuracy " + accuracy);
    }

    @Test
    void twoPeersGivenTheirKeysByHandTrainTogetherAndAPeerWithoutOneDoesNotStart(@TempDir Path dir) throws Exception {
        assertThat(peer("keys", dir.toString(), "--peers", "2").exitCode()).isZero();
        Path job = dir.resolve("job.yaml");
        Files.writeString(job, """
                dataset: { source: fashion-mnist, rows: 1600 }
                model: { type: softmax, standardize: true }
                algorithm: { optimizer: sgd, learningRate: 0.01, batchSize: 16, epochs: 1 }
                protocol: p2p
                p2p: { peers: 2, stores: "memory:cli-signed-0 memory:cli-signed-1", keys: "%s" }
                """.formatted(dir.resolve("keys.txt")));
        Ran keyless = peer("peer", job.toString(), "--rank", "0", "--run", "keyless");
        assertThat(keyless.exitCode()).isEqualTo(2);
        assertThat(keyless.err()).contains("it has no private key: set p2p.privateKey or give it --key FILE");

        CompletableFuture<Ran> first = CompletableFuture.supplyAsync(() -> peer("peer", job.toString(), "--rank", "0", "--run",
                "signed", "--key", dir.resolve("peer-0.key").toString()));
        Ran second = peer("peer", job.toString(), "--rank", "1", "--run", "signed", "--key", dir.resolve("peer-1.key").toString());
        Ran zero = first.get(2, TimeUnit.MINUTES);
        assertThat(zero.exitCode()).as(zero.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(zero.err()).contains("peer-0: rejected 0 messages");
        String accuracy = zero.out().replaceAll("(?s).*test accuracy ([0-9.]+).*", "$1");
        assertThat(second.out()).contains("test accuracy " + accuracy);
    }

    @Test
    void aPeerOfTheJobNeedsTheRunsName(@TempDir Path dir) throws Exception {
        Path job = dir.resolve("job.yaml");
        Files.writeString(job, "dataset: { source: blobs, rows: 100 }\nprotocol: p2p\n");
        Ran ran = peer("peer", job.toString(), "--rank", "0");
        assertThat(ran.exitCode()).isEqualTo(2);
        assertThat(ran.err()).contains("--run NAME is required");
    }
}
