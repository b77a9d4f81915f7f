package dev.cumulus.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.Scaling;
import dev.cumulus.data.chunk.DataFingerprint;
import dev.cumulus.data.source.DataSources;
import dev.cumulus.data.source.TrainTest;
import dev.cumulus.engine.job.JobSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingDataTest {

    private static JobSpec job(String model) {
        return Protocols.read("dataset: { source: higgs-like, rows: 3000 }\nmodel: { type: " + model + " }\nseed: 4\n",
                "job.yaml", List.of()).spec();
    }

    private static float[] values(TrainTest data, boolean train) {
        return ((DenseFeatures) (train ? data.train() : data.test()).features()).values();
    }

    @Test
    void scaledInPlaceTheDataEqualsACopyScaledFromTheDataAsReadWhoseFingerprintsItKeeps() {
        JobSpec job = job("logistic");
        assertThat(job.standardize()).isTrue();
        TrainingData loaded = TrainingData.load(job);
        TrainTest asRead = DataSources.load(job.data());
        Scaling expected = Scaling.fit(asRead.train());
        assertThat(loaded.scaling()).isEqualTo(expected);
        assertThat(values(loaded.training(), true)).isEqualTo(values(new TrainTest(expected.apply(asRead.train()),
                asRead.test()), true));
        assertThat(values(loaded.training(), false)).isEqualTo(
                ((DenseFeatures) expected.apply(asRead.test()).features()).values());
        assertThat(loaded.fingerprints()).containsExactly(
                java.util.Map.entry("train", DataFingerprint.of(asRead.train())),
                java.util.Map.entry("test", DataFingerprint.of(asRead.test())));
        assertThat(loaded.fingerprints().get("train")).isNotEqualTo(DataFingerprint.of(loaded.training().train()));
    }

    @Test
    void withoutStandardisationTheDataIsAsRead() {
        JobSpec job = Protocols.read("dataset: { source: higgs-like, rows: 3000 }\nmodel: { type: logistic, "
                + "standardize: false }\nseed: 4\n", "job.yaml", List.of()).spec();
        TrainingData loaded = TrainingData.load(job);
        TrainTest asRead = DataSources.load(job.data());
        assertThat(loaded.scaling()).isNull();
        assertThat(values(loaded.training(), true)).isEqualTo(values(asRead, true));
        assertThat(loaded.fingerprints().get("test")).isEqualTo(DataFingerprint.of(asRead.test()));
    }
}
