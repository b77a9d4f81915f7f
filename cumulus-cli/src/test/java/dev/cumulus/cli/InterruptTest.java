package dev.cumulus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C (SIGINT) ends a run as SIGTERM does: exit 130, nothing of the run left in its store. */
class InterruptTest {
    private static final Path LAUNCHER = Path.of(System.getProperty("user.dir")).getParent().resolve("cumulus");

    @Test
    void sigintLeavesNothingOfTheRunInItsStore(@TempDir Path tmp) throws Exception {
        Path store = tmp.resolve("store");
        Path job = Files.writeString(tmp.resolve("job.yaml"), """
                dataset: { source: higgs-like, rows: 400000 }
                algorithm: { batchSize: 50, epochs: 200 }
                workers: 2
                """);
        ProcessBuilder builder = new ProcessBuilder("bash", LAUNCHER.toString(), "train", job.toString(), "--out",
                tmp.resolve("run").toString(), "--set", "channel=file:" + store);
        builder.environment().put("CUMULUS_CLASS_PATH", System.getProperty("java.class.path"));
        builder.environment().put("CUMULUS_JAVA_OPTS", "-Xmx1g --add-modules jdk.incubator.vector");
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null && !line.contains("invoking")) {
                // wait until the functions run
            }
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(process.exitValue()).isEqualTo(130);
        try (Stream<Path> files = Files.walk(store)) {
            assertThat(files.filter(Files::isRegularFile).toList()).as("files of the run left in its store").isEmpty();
        }
        assertThat(Files.readString(tmp.resolve("run").resolve("status.json"))).contains("\"status\": \"interrupted\"");
    }
}
