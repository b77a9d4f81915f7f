package dev.cumulus.cli.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.cli.CliRun;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.Scaling;
import dev.cumulus.data.source.DataSources;
import dev.cumulus.data.source.DataSpec;
import dev.cumulus.engine.model.ModelFile;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.model.LogisticRegression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A protocol registered from test code runs through {@code cumulus train} end to end: the driver,
 * the worker function and the supervisor need no change to run a new protocol.
 */
class ProtocolSeamTest {

    @BeforeAll
    static void register() {
        Protocols.register(new OneStepProtocol());
    }

    @Test
    void aProtocolRegisteredInTestCodeTrainsThroughTheCommandLine(@TempDir Path dir) throws Exception {
        Path job = dir.resolve("job.yaml");
        Files.writeString(job, """
                dataset: { source: higgs-like, rows: 2000, seed: 9 }
                model: { type: logistic }
                workers: 3
                protocol: one-step
                onestep: { stepSize: 0.5 }
                """);
        Path out = dir.resolve("run");
        CliRun run = CliRun.of("train", job.toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        // Independently: one full-batch gradient step of size 0.5 from zero on the training split.
        Dataset raw = DataSources.load(DataSpec.builder("higgs-like").rows(2000).seed(9L).build()).train();
        // A logistic model standardises its features by default, fitted on the training set.
        Dataset train = Scaling.fit(raw).apply(raw);
        LogisticRegression model = new LogisticRegression(train.cols(), 0);
        float[] gradient = new float[model.parameterCount()];
        model.lossAndGradient(new float[model.parameterCount()], train, IntStream.range(0, train.rows()).toArray(), gradient);
        float[] trained = ModelFile.read(out).model().parameters();
        for (int i = 0; i < gradient.length; i++) {
            assertThat(trained[i]).as("parameter %d", i).isCloseTo(-0.5f * gradient[i], within(1e-5f));
        }
        assertThat(Files.readString(out.resolve("timeline.csv")).lines().skip(1).map(l -> l.split(",")[0]).distinct())
                .as("four functions, each with its own timeline row").hasSize(4);
    }

    @Test
    void aProtocolsOwnKeysAreValidatedAndDocumented(@TempDir Path dir) throws Exception {
        Path job = dir.resolve("job.yaml");
        Files.writeString(job, "protocol: one-step\nonestep: { stepSize: -1 }\n");
        CliRun run = CliRun.of("train", job.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("job.yaml line 2: invalid value '-1' for onestep.stepSize");
        assertThat(Protocols.schema().markdown()).contains("`onestep.stepSize`").contains("`one-step`");
    }
}
