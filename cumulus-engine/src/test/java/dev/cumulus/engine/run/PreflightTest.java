package dev.cumulus.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.engine.protocol.Protocols;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the job and the data show is refused by the driver before any function is invoked. */
class PreflightTest {

    @Test
    void aBinaryModelOnManyClassesIsRefusedBeforeAnyFunctionRuns() {
        List<String> log = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> new Driver(log::add).run(Protocols.read(
                "dataset: { source: blobs, rows: 600, classes: 6 }\nmodel: { type: logistic }\nworkers: 2\n",
                "job.yaml", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("binary classifier but the data has 6 classes");
        assertThat(log).noneMatch(line -> line.startsWith("invoking"));
    }

    @Test
    void labelsThatAreIdsAreRefusedInsteadOfAMillionClassSoftmax(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("ids.csv");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            rows.append(i % 2 == 0 ? 0 : 1_000_000).append(',').append(i * 0.01).append(',').append(1 - i * 0.01).append('\n');
        }
        Files.writeString(csv, rows);
        assertThatThrownBy(() -> new Driver(line -> { }).run(Protocols.read(
                "dataset: { source: csv, path: '" + csv + "' }\nmodel: { type: softmax }\nworkers: 2\n",
                "job.yaml", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("look like ids");
    }

    @Test
    void aDivergingLossAndAnOversizedBatchAreWarnings() {
        List<String> log = new CopyOnWriteArrayList<>();
        new Driver(log::add).run(Protocols.read("""
                dataset: { source: higgs-like, rows: 2000 }
                model: { type: logistic, standardize: false }
                algorithm: { learningRate: 1000, batchSize: 200, epochs: 3 }
                workers: 2
                """, "job.yaml", List.of()));
        assertThat(log).anyMatch(line -> line.startsWith("warning: the global batch"));
        assertThat(log).anyMatch(line -> line.startsWith("warning: the training loss diverged"));
    }
}
