package dev.cumulus.cli.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.cli.CliRun;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example job in jobs/ reads without a warning, and trains end to end through the command
 * line (on fewer rows and one epoch, so the suite stays quick; the full runs and their results
 * are in the jobs' comments and docs/BENCHMARKS.md). The Fashion-MNIST jobs have their own
 * accuracy test.
 */
class ExampleJobsTest {
    private static final Path JOBS = Path.of(System.getenv().getOrDefault("CUMULUS_ROOT", ".."), "jobs");

    static Stream<Path> jobs() throws IOException {
        return Files.list(JOBS).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jobs")
    void readsWithoutWarningsAndTrains(Path job, @TempDir Path dir) {
        BoundJob bound = Protocols.read(job, List.of());
        assertThat(bound.warnings()).as(job.toString()).isEmpty();
        if (bound.spec().data().source().equals("fashion-mnist")) {
            return;
        }
        CliRun run = CliRun.of("train", job.toString(), "--out", dir.resolve("run").toString(), "--quiet",
                "--set", "dataset.rows=3000", "--set", "algorithm.epochs=1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("report:");
    }
}
