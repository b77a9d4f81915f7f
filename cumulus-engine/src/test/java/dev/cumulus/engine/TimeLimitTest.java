package dev.cumulus.engine;

import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import dev.cumulus.engine.metrics.EpochRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Functions with a short time limit checkpoint and invoke their successors; the run must end
 * exactly where an unlimited one does.
 */
class TimeLimitTest {

    private static BoundJob job(int timeoutSeconds) {
        return Protocols.read("""
                dataset: { source: higgs-like, rows: 50000 }
                model: { type: mlp, hidden: [16], l2: 0.0001 }
                algorithm: { optimizer: adam, learningRate: 0.001, batchSize: 8, epochs: 10 }
                workers: 3
                platform: { type: threads, timeoutSeconds: %d, coldStartMillis: 0 }
                seed: 9
                """.formatted(timeoutSeconds), "job.yaml", List.of());
    }

    @Test
    void oneSecondFunctionsFinishWithTheSameModelAsUnlimitedOnes() {
        RunResult limited = new Driver(line -> { }).run(job(1));
        RunResult unlimited = new Driver(line -> { }).run(job(900));

        long invocations = ((Number) limited.cost().get("invocations")).longValue();
        assertThat(invocations).as("successors were invoked").isGreaterThanOrEqualTo(6);
        assertThat(limited.metrics().get("trainLoss")).isCloseTo(unlimited.metrics().get("trainLoss"), within(1e-6));
        assertThat(limited.parameters()).containsExactly(unlimited.parameters());
        assertThat(limited.curve()).extracting(EpochRecord::trainLoss)
                .containsExactlyElementsOf(unlimited.curve().stream().map(EpochRecord::trainLoss).toList());
    }
}
