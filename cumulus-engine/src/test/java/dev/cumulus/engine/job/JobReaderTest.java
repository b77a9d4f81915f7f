package dev.cumulus.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.engine.protocol.Protocols;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobReaderTest {
    private final JobReader reader = new JobReader(Protocols.schema());

    @Test
    void readsNestedSectionsIntoDottedKeysAndFillsDefaults() {
        Job job = reader.read("""
                dataset: { source: blobs, rows: 500 }
                model:
                  type: mlp
                  hidden: [64, 32]
                algorithm: { learningRate: 0.05, batchSize: 32 }
                workers: 3
                """, "job.yaml", List.of());
        assertThat(job.string("dataset.source")).isEqualTo("blobs");
        assertThat(job.integer("dataset.rows")).isEqualTo(500);
        assertThat(job.intList("model.hidden")).containsExactly(64, 32);
        assertThat(job.decimal("algorithm.learningRate")).isEqualTo(0.05);
        assertThat(job.integer("workers")).isEqualTo(3);
        assertThat(job.string("channel")).isEqualTo("memory:");
        assertThat(job.longValue("seed")).isEqualTo(42L);
        assertThat(job.optionalDecimal("algorithm.targetLoss")).isEmpty();
    }

    @Test
    void overridesReplaceFileValuesAndParseTheirType() {
        Job job = reader.read("workers: 3\n", "job.yaml",
                List.of("workers=8", "model.hidden=[10,20]", "algorithm.learningRate=0.5"));
        assertThat(job.integer("workers")).isEqualTo(8);
        assertThat(job.intList("model.hidden")).containsExactly(10, 20);
        assertThat(job.decimal("algorithm.learningRate")).isEqualTo(0.5);
    }

    @Test
    void unknownKeyIsAnErrorNamingTheLineAndSuggestingTheSpelling() {
        assertThatThrownBy(() -> reader.read("workers: 2\nalgorithm:\n  learningrate: 0.1\n", "job.yaml", List.of()))
                .isInstanceOf(InvalidJobException.class)
                .hasMessage("job.yaml line 3: unknown key 'algorithm.learningrate' (did you mean 'algorithm.learningRate'?)");
    }

    @Test
    void invalidValueNamesFileLineKeyValueAndExpectation() {
        assertThatThrownBy(() -> reader.read("workers: 2\nalgorithm: { learningRate: fast }\n", "job.yaml", List.of()))
                .hasMessage("job.yaml line 2: invalid value 'fast' for algorithm.learningRate: expected a number");
        assertThatThrownBy(() -> reader.read("workers: 0\n", "job.yaml", List.of()))
                .hasMessage("job.yaml line 1: invalid value '0' for workers: expected a number from 1 to 10000");
        assertThatThrownBy(() -> reader.read("model: { type: forest }\n", "job.yaml", List.of()))
                .hasMessageContaining("invalid value 'forest' for model.type: expected one of logistic, svm");
    }

    @Test
    void badOverrideIsNamedAsSuch() {
        assertThatThrownBy(() -> reader.read("workers: 2\n", "job.yaml", List.of("workers")))
                .hasMessage("--set workers: expected key.path=value");
        assertThatThrownBy(() -> reader.read("workers: 2\n", "job.yaml", List.of("workerz=3")))
                .hasMessage("--set workerz: unknown key 'workerz' (did you mean 'workers'?)");
    }

    @Test
    void malformedYamlAndDuplicatesAreReportedWithTheirLine() {
        assertThatThrownBy(() -> reader.read("workers: 2\nmodel: [unclosed\n", "job.yaml", List.of()))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageStartingWith("job.yaml line ").hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> reader.read("workers: 2\nworkers: 3\n", "job.yaml", List.of()))
                .hasMessageContaining("line 2").hasMessageContaining("workers");
    }

    @Test
    void sectionGivenAValueIsAnError() {
        assertThatThrownBy(() -> reader.read("dataset: higgs\n", "job.yaml", List.of()))
                .hasMessage("job.yaml line 1: 'dataset' is a section and needs nested keys, not a value");
    }

    @Test
    void inconsistentCombinationsAreRejectedWhenBoundNamingFileLineAndKey() {
        assertThatThrownBy(() -> Protocols.read("workers: 2\nmodel: { type: kmeans }\n", "job.yaml", List.of()))
                .hasMessageContaining("job.yaml: invalid value 'ga-sgd' for algorithm.type (its default): model.type 'kmeans' needs algorithm.type 'kmeans'");
        assertThatThrownBy(() -> Protocols.read("dataset: { source: libsvm }\n", "job.yaml", List.of()))
                .hasMessage("job.yaml: missing value for dataset.path: source libsvm needs the path of its data file");
        assertThatThrownBy(() -> Protocols.read("dataset:\n  source: blobs\n  layout: dense\n", "job.yaml", List.of()))
                .hasMessage("job.yaml line 3: invalid value 'dense' for dataset.layout: not used by source blobs");
    }

    @Test
    void defaultsThatDependOnOtherKeysAreResolvedAndRecorded() {
        var softmax = Protocols.read("model: { type: softmax }\n", "job.yaml", List.of()).resolved();
        assertThat(softmax).extractingByKey("algorithm").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("optimizer", "adam").containsEntry("learningRate", 0.001)
                .containsEntry("schedule", "cosine").containsEntry("batchSize", 64);
        assertThat(softmax).extractingByKey("model").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("standardize", true);
        var admm = Protocols.read("algorithm: { type: admm, optimizer: momentum }\n", "job.yaml", List.of()).resolved();
        assertThat(admm).extractingByKey("algorithm").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("learningRate", 0.01).containsEntry("schedule", "constant");
        var kmeans = Protocols.read("model: { type: kmeans }\nalgorithm: { type: kmeans }\n", "job.yaml", List.of())
                .resolved();
        assertThat(kmeans).extractingByKey("model").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("standardize", false);
        assertThat(kmeans).extractingByKey("algorithm").asInstanceOf(InstanceOfAssertFactories.MAP)
                .doesNotContainKey("learningRate");
    }

    @Test
    void keysThatDoNotApplyAreWarningsNamingThem() {
        var bound = Protocols.read("model:\n  type: logistic\n  hidden: [64]\nalgorithm: { momentum: 0.5 }\n",
                "job.yaml", List.of());
        assertThat(bound.warnings()).containsExactly(
                "job.yaml line 3: model.hidden is ignored: it applies to model.type mlp, not logistic",
                "job.yaml line 4: algorithm.momentum is ignored: it applies to algorithm.optimizer momentum, not adam");
    }

    @Test
    void modelKernelsAreBoundCheckedAndWarnedAboutWhereTheyDoNotApply() {
        assertThat(Protocols.read("model: { type: softmax, kernels: scalar }\n", "job.yaml", List.of()).spec().model()
                .kernels()).isEqualTo("scalar");
        assertThat(Protocols.read("model: { type: softmax }\n", "job.yaml", List.of()).spec().model().kernels())
                .isEqualTo("auto");
        assertThatThrownBy(() -> Protocols.read("model:\n  type: softmax\n  kernels: fast\n", "job.yaml", List.of()))
                .hasMessageContaining("line 3").hasMessageContaining("model.kernels").hasMessageContaining("fast");
        assertThat(Protocols.read("model: { type: kmeans, kernels: vector }\nalgorithm: { type: kmeans }\n", "job.yaml",
                List.of()).warnings()).containsExactly(
                "job.yaml line 1: model.kernels is ignored: k-means has no dense kernels to choose");
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> reader.read(missing, List.of())).hasMessage("job file not found: " + missing);
    }


    @Test
    void referenceDocIsUpToDateWithTheDeclaration() throws Exception {
        Path doc = Path.of("..", "docs", "JOB.md");
        assertThat(doc).exists();
        assertThat(Files.readString(doc))
                .as("docs/JOB.md is generated: run `./cumulus job-doc > docs/JOB.md`")
                .isEqualTo(Protocols.schema().markdown());
    }
}
