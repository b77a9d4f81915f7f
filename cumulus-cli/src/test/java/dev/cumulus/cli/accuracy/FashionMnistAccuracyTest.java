package dev.cumulus.cli.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cumulus.cli.Main;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published baselines of Fashion-MNIST (about 0.84 for logistic regression, 0.87 for an MLP),
 * reached through {@code cumulus train} with 4 GA-SGD workers, using the shipped job files.
 */
@Tag("accuracy")
class FashionMnistAccuracyTest {

    @ParameterizedTest(name = "{0} reaches {1}")
    @CsvSource({"fashion-softmax.yaml, 0.84", "fashion-mlp.yaml, 0.87"})
    void reachesThePublishedBaseline(String jobFile, double baseline, @TempDir Path out) throws Exception {
        Path job = Path.of("..", "jobs", jobFile);
        int code = Main.run("train", job.toString(), "--out", out.toString(), "--quiet", "--set", "workers=4");
        assertThat(code).isZero();
        double accuracy = new ObjectMapper().readTree(out.resolve("run.json").toFile()).at("/metrics/testAccuracy").asDouble();
        assertThat(accuracy).isGreaterThanOrEqualTo(baseline);
    }
}
