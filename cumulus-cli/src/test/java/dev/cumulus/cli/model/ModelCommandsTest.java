package dev.cumulus.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cumulus.cli.CliRun;
import dev.cumulus.cli.report.RunDirectory;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.source.DataSources;
import dev.cumulus.engine.model.TrainedModel;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code cumulus evaluate} and {@code predict} on the runs {@code train} writes, for every model type. */
class ModelCommandsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "logistic | dataset: { source: higgs-like, rows: 3000 }\\nmodel: { type: logistic }",
            "svm      | dataset: { source: higgs-like, rows: 3000 }\\nmodel: { type: svm }",
            "softmax  | dataset: { source: blobs, rows: 3000, classes: 4, features: 5 }\\nmodel: { type: softmax }",
            "mlp      | dataset: { source: blobs, rows: 3000, classes: 3, features: 4 }\\nmodel: { type: mlp, hidden: [8] }",
            "kmeans   | dataset: { source: blobs, rows: 3000, classes: 3 }\\nmodel: { type: kmeans, k: 3 }\\nalgorithm: { type: kmeans }"})
    void evaluateReproducesTheRunsTestMetricsAndPredictGivesTheModelsClasses(String type, String job, @TempDir Path dir)
            throws Exception {
        RunResult run = new Driver(line -> { }).run(Protocols.read(job.replace("\\n", "\n") + "\nworkers: 2\n",
                "job.yaml", List.of("algorithm.epochs=2")));
        Path runDir = dir.resolve("run");
        new RunDirectory(runDir).write(run, Map.of());

        CliRun evaluate = CliRun.of("evaluate", runDir.toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        JsonNode metrics = new ObjectMapper().readTree(runDir.resolve("run.json").toFile()).required("metrics");
        Map<String, String> printed = new HashMap<>();
        evaluate.out().lines().map(l -> l.split(" ")).forEach(f -> printed.put(f[0], f[1]));
        String[] names = type.equals("kmeans") ? new String[] {"testInertia"} : new String[] {"testLoss", "testAccuracy"};
        for (String name : names) {
            assertThat(printed.get(name)).as(name).isEqualTo(Double.toString(metrics.required(name).asDouble()));
        }

        Path predictions = dir.resolve("predictions.csv");
        CliRun predict = CliRun.of("predict", runDir.toString(), "--out", predictions.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        List<String> lines = Files.readAllLines(predictions);
        Dataset test = run.model().scaled(DataSources.load(run.job().spec().data()).test());
        assertThat(lines).hasSize(test.rows() + 1);
        TrainedModel model = run.model();
        double[] scores = new double[model.scoreCount()];
        for (int r = 0; r < test.rows(); r++) {
            int predicted = Integer.parseInt(lines.get(r + 1).split(",")[1]);
            assertThat(predicted).as("row %d", r).isEqualTo(model.predict(test, r, scores));
        }
    }

    @Test
    void aTruncatedOrAlteredModelFileIsRefusedWithItsName(@TempDir Path dir) throws Exception {
        RunResult run = new Driver(line -> { }).run(Protocols.read(
                "dataset: { source: higgs-like, rows: 1000 }\nworkers: 1\nalgorithm: { epochs: 1 }\n", "job.yaml", List.of()));
        Path runDir = dir.resolve("run");
        new RunDirectory(runDir).write(run, Map.of());
        byte[] bytes = Files.readAllBytes(runDir.resolve("model.bin"));

        Path truncated = dir.resolve("truncated.bin");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        CliRun t = CliRun.of("evaluate", truncated.toString(), "--data", runDir.resolve("run.json").toString());
        assertThat(t.exitCode()).isEqualTo(2);
        assertThat(t.err()).contains("truncated.bin").contains("truncated or altered").doesNotContain("\tat ");

        Path altered = dir.resolve("altered.bin");
        byte[] copy = bytes.clone();
        copy[copy.length - 40] ^= 1;
        Files.write(altered, copy);
        CliRun a = CliRun.of("predict", altered.toString(), "--data", runDir.resolve("run.json").toString(),
                "--out", dir.resolve("p.csv").toString());
        assertThat(a.exitCode()).isEqualTo(2);
        assertThat(a.err()).contains("altered.bin").contains("truncated or altered");
        assertThat(dir.resolve("p.csv")).doesNotExist();

        Path future = dir.resolve("future.bin");
        byte[] newer = bytes.clone();
        newer[8] = 99;
        Files.write(future, newer);
        CliRun f = CliRun.of("evaluate", future.toString(), "--data", runDir.resolve("run.json").toString());
        assertThat(f.exitCode()).isEqualTo(2);
        assertThat(f.err()).contains("format version 99");
    }

    @Test
    void predictionsGiveTheLabelsAsTheTrainingFileWroteThem(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("signed.svm");
        StringBuilder rows = new StringBuilder();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 400; i++) {
            double x = random.nextGaussian();
            rows.append(x > 0 ? "+1" : "-1").append(" 1:").append(x).append(" 2:").append(random.nextGaussian()).append('\n');
        }
        Files.writeString(data, rows);
        RunResult run = new Driver(line -> { }).run(Protocols.read("dataset: { source: libsvm, path: '" + data
                + "' }\nworkers: 2\nalgorithm: { epochs: 3 }\n", "job.yaml", List.of()));
        Path runDir = dir.resolve("run");
        new RunDirectory(runDir).write(run, Map.of());
        Path out = dir.resolve("p.csv");
        CliRun predict = CliRun.of("predict", runDir.toString(), "--data", data.toString(), "--out", out.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).startsWith("row,class,label,p0,p1");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(f[2]).isEqualTo(f[1].equals("0") ? "-1" : "1");
        }
    }
}
