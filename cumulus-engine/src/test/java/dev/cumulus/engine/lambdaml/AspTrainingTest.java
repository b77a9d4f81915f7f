package dev.cumulus.engine.lambdaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import dev.cumulus.engine.protocol.Protocols;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Asynchronous training through one shared model converges to what synchronous training reaches. */
class AspTrainingTest {

    private static RunResult train(String sync) {
        return new Driver(line -> { }).run(Protocols.read("""
                dataset: { source: higgs-like, rows: 20000 }
                model: { type: logistic }
                algorithm: { optimizer: sgd, learningRate: 0.3, batchSize: 32, epochs: 8 }
                workers: 4
                sync: %s
                platform: { coldStartMillis: 0 }
                seed: 3
                """.formatted(sync), "job.yaml", List.of()));
    }

    @Test
    void aspReachesTheAccuracyOfBsp() {
        RunResult bsp = train("bsp");
        RunResult asp = train("asp");
        assertThat(asp.metrics().get("testAccuracy")).isCloseTo(bsp.metrics().get("testAccuracy"), within(0.02));
        assertThat(asp.curve()).hasSize(8);
        assertThat(asp.curve().get(7).trainLoss()).isLessThan(asp.curve().get(0).trainLoss());
    }
}
