package dev.cumulus.engine.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.data.DataFormatException;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.csv.CsvWriter;
import dev.cumulus.data.generate.HiggsLike;
import dev.cumulus.data.Scaling;
import dev.cumulus.data.chunk.DataFingerprint;
import dev.cumulus.data.source.DataSources;
import dev.cumulus.data.source.TrainTest;
import dev.cumulus.engine.job.JobSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(loaded.fingerprints().get("train")).isNotEqualTo(DataFingerprint.of(loaded.train()));
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

    private static JobSpec csvJob(Path train, Path test) {
        return Protocols.read("dataset: { source: csv, path: '" + train + "', testPath: '" + test + "' }\nseed: 4\n",
                "job.yaml", List.of()).spec();
    }

    @Test
    void aTestFileReadBesideTheTrainingIsTheTestSetReadBeforeIt(@TempDir Path dir) {
        Dataset generated = new HiggsLike().generate(1500, 3);
        Path train = dir.resolve("train.csv");
        Path test = dir.resolve("test.csv");
        CsvWriter.write(generated.select(java.util.stream.IntStream.range(0, 1000).toArray()), LabelMap.zeroBased(2), train);
        CsvWriter.write(generated.select(java.util.stream.IntStream.range(1000, 1500).toArray()), LabelMap.zeroBased(2), test);
        JobSpec job = csvJob(train, test);
        TrainingData loaded = TrainingData.load(job);
        TrainTest asRead = DataSources.load(job.data());
        Scaling scaling = Scaling.fit(asRead.train());
        assertThat(loaded.test().rows()).isEqualTo(500);
        assertThat(((DenseFeatures) loaded.test().features()).values())
                .isEqualTo(((DenseFeatures) scaling.apply(asRead.test()).features()).values());
        assertThat(loaded.test().labels()).isEqualTo(asRead.test().labels());
        assertThat(loaded.fingerprints().get("test")).isEqualTo(DataFingerprint.of(asRead.test()));
    }

    @Test
    void aMalformedTestFileFailsOnlyWhatWaitsForTheTestSetAndIsReportedToTheRun(@TempDir Path dir) throws Exception {
        Path train = dir.resolve("train.csv");
        CsvWriter.write(new HiggsLike().generate(400, 3), LabelMap.zeroBased(2), train);
        Path test = dir.resolve("test.csv");
        java.nio.file.Files.writeString(test, java.nio.file.Files.readAllLines(train).get(0) + "\n1,2,three\n");
        TrainingData loaded = TrainingData.load(csvJob(train, test));
        assertThat(loaded.train().rows()).isEqualTo(400);
        java.util.concurrent.CompletableFuture<RuntimeException> reported = new java.util.concurrent.CompletableFuture<>();
        loaded.onTestFailure(reported::complete);
        RuntimeException failure = reported.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(DataFormatException.class).hasMessageContaining("test.csv")
                .hasMessageContaining("line 2");
        assertThatThrownBy(loaded::test).isSameAs(failure);
        assertThatThrownBy(loaded::fingerprints).isSameAs(failure);
    }
}
