package dev.cumulus.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code cumulus train} shows on stderr while it runs, when stderr is a log rather than a terminal. */
class TrainProgressTest {
    private static final String JOB = """
            dataset: { source: higgs-like, rows: 20000 }
            model: { type: logistic }
            algorithm: { learningRate: 0.1, batchSize: 20, epochs: 4 }
            workers: 2
            """;

    @Test
    void aRunWhoseStderrIsNotATerminalPrintsStagesAndPlainProgressLines(@TempDir Path dir) throws Exception {
        Path job = Files.writeString(dir.resolve("job.yaml"), JOB);
        CliRun run = CliRun.of("train", job.toString(), "--out", dir.resolve("run").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("\r").doesNotContain("\u001b");
        assertThat(run.err().lines()).allMatch(l -> l.startsWith("cumulus: "), "every line starts 'cumulus: '")
                .anyMatch(l -> l.startsWith("cumulus: data: "))
                .anyMatch(l -> l.startsWith("cumulus: invoking "))
                .anyMatch(l -> l.matches("cumulus: epoch \\d+/4, step \\d+/\\d+, loss [-0-9.e]+, \\d+:\\d\\d elapsed, "
                        + "(~\\d+:\\d\\d|\\?) left.*"));
    }

    @Test
    void quietPrintsNoStagesAndNoProgress(@TempDir Path dir) throws Exception {
        Path job = Files.writeString(dir.resolve("job.yaml"), JOB);
        CliRun run = CliRun.of("train", job.toString(), "--out", dir.resolve("run").toString(), "--quiet");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("testAccuracy");
    }
}
