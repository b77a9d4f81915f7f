package dev.cumulus.cli.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.cli.Main;
import dev.cumulus.engine.p2p.auth.KeyFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cumulus keys} writes private keys its owner alone can read, and the job's list of the matching public keys. */
class KeysCommandTest {

    private static int keys(StringWriter out, StringWriter err, String... args) {
        var commandLine = Main.commandLine(false);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void writesOwnerOnlyPrivateKeysAndTheListOfTheirPublicKeys(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(keys(out, err, "keys", dir.toString(), "--peers", "3")).as(err.toString()).isZero();

        List<String> lines = Files.readAllLines(dir.resolve("keys.txt")).stream().filter(l -> !l.startsWith("#")).toList();
        assertThat(lines).hasSize(3);
        for (int r = 0; r < 3; r++) {
            Path key = dir.resolve("peer-" + r + ".key");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            String[] line = lines.get(r).split(" ");
            assertThat(line[0]).isEqualTo(String.valueOf(r));
            assertThat(KeyFiles.matches(KeyFiles.readPrivateKey(key), KeyFiles.publicKey(line[1]))).isTrue();
        }
        assertThat(out.toString()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void neverReplacesAKeyUnlessForced(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        assertThat(keys(new StringWriter(), err, "keys", dir.toString(), "--rank", "4")).isZero();
        String before = Files.readString(dir.resolve("peer-4.key"));
        assertThat(keys(new StringWriter(), err, "keys", dir.toString(), "--rank", "4")).isEqualTo(2);
        assertThat(err.toString()).contains("peer-4.key exists");
        assertThat(Files.readString(dir.resolve("peer-4.key"))).isEqualTo(before);
        assertThat(Files.readString(dir.resolve("peer-4.pub"))).contains("\n4 ");
    }

    @Test
    void needsEitherPeersOrOneRank(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        assertThat(keys(new StringWriter(), err, "keys", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("exactly one of --peers P");
    }
}
