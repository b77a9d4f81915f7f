package dev.cumulus.engine.lambdaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code algorithm.targetLoss} with the parameter server: every worker stops after the same epoch. */
class ParameterServerTargetLossTest {
    private static final String JOB = """
            dataset: { source: higgs-like, rows: 4000 }
            model: { type: logistic }
            algorithm: { optimizer: adam, learningRate: 0.01, batchSize: 64, epochs: 6 }
            pattern: parameter-server
            workers: 3
            platform: { coldStartMillis: 0 }
            seed: 9
            """;

    private static RunResult run(List<String> overrides) {
        return new Driver(line -> { }).run(Protocols.read(JOB, "job.yaml", overrides));
    }

    @Test
    void aBspRunStopsAfterTheFirstEpochWhoseMeanLossReachesTheTarget() {
        List<EpochRecord> full = run(List.of("sync=bsp")).curve();
        assertThat(full).hasSize(6);
        // BSP through the server is deterministic: the same run with a target follows this curve and stops at epoch 3.
        // (Just above it: the curve's losses are written with 9 decimals.)
        double target = full.get(2).trainLoss() + 1e-8;
        assertThat(full.get(1).trainLoss()).isGreaterThan(target);

        List<EpochRecord> stopped = run(List.of("sync=bsp", "algorithm.targetLoss=" + target)).curve();

        assertThat(stopped).hasSize(3);
        assertThat(stopped).containsExactlyElementsOf(full.subList(0, 3).stream()
                .map(e -> new EpochRecord(e.epoch(), e.trainLoss(), stopped.get(e.epoch() - 1).elapsedSeconds())).toList());
    }

    @Test
    void anAspRunStopsAtItsFirstEpochAtOrBelowTheTarget() {
        RunResult run = run(List.of("sync=asp", "algorithm.targetLoss=0.66"));
        List<EpochRecord> curve = run.curve();
        assertThat(curve).hasSizeLessThan(6);
        assertThat(curve.get(curve.size() - 1).trainLoss()).isLessThanOrEqualTo(0.66);
        for (EpochRecord earlier : curve.subList(0, curve.size() - 1)) {
            assertThat(earlier.trainLoss()).isGreaterThan(0.66);
        }
    }
}
