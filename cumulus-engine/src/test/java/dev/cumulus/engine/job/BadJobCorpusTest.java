package dev.cumulus.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cumulus.engine.protocol.Protocols;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad job files (src/test/resources/bad-jobs, each with the message it must give on
 * its first line) and inputs made here that no file in the repository should hold: every one is
 * refused with one InvalidJobException in one style, naming the file, the line where there is
 * one, and the key.
 */
class BadJobCorpusTest {
    private static final Path CORPUS = Path.of("src", "test", "resources", "bad-jobs");

    static Stream<Path> corpus() throws IOException {
        return Files.list(CORPUS).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachBadJobGivesItsOneLineMessage(Path file) throws IOException {
        String expected = Files.readAllLines(file).get(0).substring("# expect: ".length());
        Throwable thrown = catchThrowable(() -> Protocols.read(file, List.of()));
        assertThat(thrown).isInstanceOf(InvalidJobException.class);
        assertThat(thrown.getMessage()).startsWith(expected).doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void binaryGarbageIsNotATextFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("garbage.yaml");
        byte[] bytes = new byte[4096];
        new Random(1).nextBytes(bytes);
        Files.write(file, bytes);
        assertThat(catchThrowable(() -> Protocols.read(file, List.of())))
                .isInstanceOf(InvalidJobException.class)
                .hasMessage("garbage.yaml: not a text file (a job file is UTF-8 YAML)");
    }

    @Test
    void anEndlessDeviceOrAHugeFileIsRefusedAtItsSizeBound(@TempDir Path dir) throws IOException {
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            assertThat(catchThrowable(() -> Protocols.read(zero, List.of())))
                    .isInstanceOf(InvalidJobException.class).hasMessage("zero: larger than 1024 KiB; not a job file");
        }
        Path huge = dir.resolve("huge.yaml");
        Files.writeString(huge, "dataset: { path: '" + "x".repeat(5 << 20) + "' }\n");
        assertThat(catchThrowable(() -> Protocols.read(huge, List.of())))
                .isInstanceOf(InvalidJobException.class).hasMessage("huge.yaml: larger than 1024 KiB; not a job file");
    }

    @Test
    void aThousandLevelsOfNestingIsRefusedWithItsLine(@TempDir Path dir) throws IOException {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            yaml.append("  ".repeat(i)).append("a").append(i).append(":\n");
        }
        yaml.append("  ".repeat(1000)).append("x: 1\n");
        Path file = dir.resolve("deep.yaml");
        Files.writeString(file, yaml);
        assertThat(catchThrowable(() -> Protocols.read(file, List.of())))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageStartingWith("deep.yaml line 9: a0.a1.a2.a3.a4.a5.a6.a7 is nested more than 8 levels deep");
    }
}
