package dev.cumulus.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.protocol.RunProgress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The driver forwards the functions' progress while it supervises them, in order, and cleans it up. */
class DriverProgressTest {

    @Test
    void progressArrivesWhileTrainingAndMovesForward() {
        List<RunProgress> seen = new CopyOnWriteArrayList<>();
        RunResult run = new Driver(line -> { }, seen::add).run(Protocols.read("""
                dataset: { source: higgs-like, rows: 20000 }
                algorithm: { batchSize: 32, epochs: 3 }
                workers: 2
                platform: { coldStartMillis: 0 }
                # 2 ms a step, so the run lasts over a second even in a warm JVM
                stragglers: { delay: "shifted-exponential:2,0.001" }
                """, "job.yaml", List.of()));

        assertThat(seen).as("progress seen during a run of several seconds").isNotEmpty();
        assertThat(seen).allSatisfy(p -> {
            assertThat(p.epochs()).isEqualTo(3);
            assertThat(p.stepsPerEpoch()).isEqualTo(20000 * 4 / 5 / 2 / 32);
        });
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).fraction()).isGreaterThanOrEqualTo(seen.get(i - 1).fraction());
        }
        assertThat(run.curve()).hasSize(3);
    }
}
