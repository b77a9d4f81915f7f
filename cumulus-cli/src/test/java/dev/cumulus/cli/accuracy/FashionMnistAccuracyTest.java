package dev.cumulus.cli.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cumulus.cli.Main;
import dev.cumulus.engine.job.Job;
import dev.cumulus.engine.protocol.Protocols;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The published baselines of Fashion-MNIST (about 0.84 for logistic regression, 0.87 for an MLP,
 * which one epoch of the MLP job nearly reaches), reached through {@code cumulus train} with the shipped job files, which name only the data, the
 * model, the workers and the epochs: the defaults (optimiser, rate, batch, schedule, scaling) must
 * train well without tuning, so a default that costs accuracy fails here.
 */
@Tag("accuracy")
class FashionMnistAccuracyTest {

    @ParameterizedTest(name = "{0} {1} reaches {2}")
    @CsvSource(delimiter = '|', value = {
            "fashion-softmax.yaml | (3 workers, 8 epochs) | 0.84",
            // The issue asks 0.80 after one epoch; the defaults reach 0.867 (0.878 after the job's two
            // epochs, docs/BENCHMARKS.md), and runs are deterministic, so this pins nearly that.
            "fashion-mlp.yaml     | algorithm.epochs=1    | 0.86"})
    void aJobNamingOnlyDataModelWorkersAndEpochsReachesTheBaseline(String jobFile, String override,
            double baseline, @TempDir Path out) throws Exception {
        Path job = Path.of("..", "jobs", jobFile);
        Job read = Protocols.read(job, List.of()).job();
        assertThat(read.flat().keySet().stream().filter(key -> read.isSet(key) && !key.startsWith("dataset.")))
                .as("what %s sets besides its data", jobFile)
                .isSubsetOf(List.of("model.type", "model.hidden", "workers", "algorithm.epochs"));
        List<String> args = new ArrayList<>(List.of("train", job.toString(), "--out", out.toString(), "--quiet"));
        if (override.contains("=")) {
            args.addAll(List.of("--set", override));
        }
        assertThat(Main.run(args.toArray(String[]::new))).isZero();
        double accuracy = new ObjectMapper().readTree(out.resolve("run.json").toFile())
                .at("/metrics/testAccuracy").asDouble();
        assertThat(accuracy).isGreaterThanOrEqualTo(baseline);
    }
}
