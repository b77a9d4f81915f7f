package dev.cumulus.engine.lambdaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MA-SGD with one local step between averages is GA-SGD: averaging models after one SGD step from a common model averages the gradients. */
class ModelAveragingTest {

    @Test
    void oneLocalStepOfSgdGivesGradientAveraging() {
        String job = """
                dataset: { source: higgs-like, rows: 4000 }
                algorithm: { optimizer: sgd, learningRate: 0.1, batchSize: 32, epochs: 2 }
                workers: 4
                seed: 11
                """;
        RunResult ga = new Driver(line -> { }).run(Protocols.read(job, "job.yaml", List.of()));
        RunResult ma = new Driver(line -> { }).run(Protocols.read(job, "job.yaml",
                List.of("algorithm.type=ma-sgd", "algorithm.localSteps=1")));
        float[] a = ga.parameters();
        float[] b = ma.parameters();
        for (int i = 0; i < a.length; i++) {
            // Same maths, different float order: GA-SGD sums n * gradient, MA-SGD sums models.
            assertThat(b[i]).as("parameter %d", i).isCloseTo(a[i], org.assertj.core.api.Assertions.within(1e-4f));
        }
        assertThat(ma.curve()).hasSize(2);
    }
}
