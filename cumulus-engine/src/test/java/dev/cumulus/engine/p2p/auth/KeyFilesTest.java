package dev.cumulus.engine.p2p.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private key files readable by their owner only, and the job's list of public keys. */
class KeyFilesTest {

    @Test
    void aPrivateKeyIsWrittenOwnerOnlyAndReadsBackAsTheSameKey(@TempDir Path dir) throws Exception {
        KeyPair pair = KeyFiles.generate();
        Path file = dir.resolve("peer-0.key");
        KeyFiles.writePrivateKey(file, pair.getPrivate());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(KeyFiles.matches(KeyFiles.readPrivateKey(file), pair.getPublic())).isTrue();
        assertThat(KeyFiles.matches(KeyFiles.readPrivateKey(file), KeyFiles.generate().getPublic())).isFalse();
        try (var listing = Files.list(dir)) {
            assertThat(listing.toList()).containsExactly(file);
        }
    }

    @Test
    void aKeyListMapsRanksToPublicKeys() {
        KeyPair zero = KeyFiles.generate();
        KeyPair three = KeyFiles.generate();
        PeerDirectory directory = PeerDirectory.parse("keys.txt", List.of("# peers", "",
                "0 " + KeyFiles.publicKeyText(zero.getPublic()), "3   " + KeyFiles.publicKeyText(three.getPublic())));
        assertThat(directory.peers()).containsExactly(0, 3);
        assertThat(directory.key(3)).contains(three.getPublic());
        assertThat(directory.key(1)).isEmpty();
    }

    @Test
    void aMalformedKeyListNamesTheFileAndLine() {
        String key = KeyFiles.publicKeyText(KeyFiles.generate().getPublic());
        assertThatThrownBy(() -> PeerDirectory.parse("keys.txt", List.of("0 " + key, "1 notbase64!")))
                .hasMessageStartingWith("keys.txt:2: peer 1's key");
        assertThatThrownBy(() -> PeerDirectory.parse("keys.txt", List.of("x " + key)))
                .hasMessageStartingWith("keys.txt:1: rank 'x'");
        assertThatThrownBy(() -> PeerDirectory.parse("keys.txt", List.of("0 " + key, "0 " + key)))
                .hasMessageStartingWith("keys.txt:2: peer 0 is listed twice");
        assertThatThrownBy(() -> PeerDirectory.parse("keys.txt", List.of("# nothing")))
                .hasMessageContaining("no peer keys");
    }

    @Test
    void aFileWithoutAPrivateKeyIsNamedInTheError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.key");
        Files.writeString(file, "hello");
        assertThatThrownBy(() -> KeyFiles.readPrivateKey(file)).hasMessageContaining(file.toString());
    }
}
