package dev.cumulus.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cumulus.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @Test
    void trainsAJobAndWritesTheRunDirectory(@TempDir Path dir) throws Exception {
        Path job = dir.resolve("job.yaml");
        Files.writeString(job, """
                dataset: { source: higgs-like, rows: 4000 }
                model: { type: logistic }
                algorithm: { learningRate: 0.1, batchSize: 50, epochs: 3 }
                workers: 3
                """);
        Path out = dir.resolve("run");
        CliRun run = CliRun.of("train", job.toString(), "--out", out.toString(), "--set", "seed=3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("testAccuracy").contains("report: " + out.resolve("run.json"));
        assertThat(run.out()).as("no empty lines for sections of the cost").doesNotContainPattern("perPhase\\s*\\n");
        for (String f : new String[] {"run.json", "timeline.csv", "curve.csv", "model.bin", "loss.png", "breakdown.png"}) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        // Whole charts (the plot libraries warm up on another thread while the run reads its data).
        for (String f : new String[] {"loss.png", "breakdown.png"}) {
            java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(out.resolve(f).toFile());
            assertThat(png).as(f).isNotNull();
            assertThat(png.getWidth()).as(f).isEqualTo(800);
            assertThat(png.getHeight()).as(f).isEqualTo(500);
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertThat(json.at("/job/seed").asLong()).isEqualTo(3);
        assertThat(json.at("/metrics/testAccuracy").asDouble()).isBetween(0.55, 1.0);
        assertThat(json.at("/provenance/dataFingerprints/train").asText()).isNotBlank();
        assertThat(json.at("/cost/storeRequests/writes").asLong()).isPositive();
        assertThat(json.at("/cost/perPhase/compute/usd").asDouble()).isPositive();
        assertThat(json.at("/storeCost/store").asText()).startsWith("none");
        assertThat(json.at("/storeCost/usd").asDouble()).isZero();
        CliRun version = CliRun.of("--version");
        assertThat(version.out()).startsWith("cumulus " + json.at("/provenance/cumulusVersion").asText() + " (commit "
                + json.at("/provenance/commit").asText() + ")");
        assertThat(json.at("/provenance/cumulusVersion").asText()).isNotEqualTo("dev").isNotEqualTo("unknown");
        assertThat(json.at("/provenance/jvm").asText()).contains(System.getProperty("java.version"));
        assertThat(json.at("/provenance/started").asText()).isLessThanOrEqualTo(json.at("/provenance/ended").asText());
        assertThat(json.at("/breakdown/computeSeconds").asDouble()).isPositive();
        assertThat(json.at("/epochs").size()).isEqualTo(3);
        assertThat(Files.readAllLines(out.resolve("timeline.csv")).get(0)).isEqualTo("worker,phase,startMicros,endMicros,bytes,round");
        // HIGGS-like logistic regression: 28 weights and a bias.
        assertThat(dev.cumulus.engine.model.ModelFile.read(out).model().parameters()).hasSize(29);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("run.json"))))
                .isEqualTo("rw-------");
        for (String f : new String[] {"timeline.csv", "curve.csv", "model.bin", "loss.png", "breakdown.png"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(f)))).as(f)
                    .isEqualTo("rw-r--r--");
        }
        assertThat(out.resolve(".cumulus-run.lock")).doesNotExist();

        CliRun report = CliRun.of("report", out.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).contains("testAccuracy");
    }

    @Test
    void unknownKeyExitsWithUsageCodeAndNoStackTrace(@TempDir Path dir) throws Exception {
        Path job = dir.resolve("job.yaml");
        Files.writeString(job, "workers: 2\nmodel: { tpye: svm }\n");
        CliRun run = CliRun.of("train", job.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("cumulus: job.yaml line 2: unknown key 'model.tpye' (did you mean 'model.type'?)"
                + System.lineSeparator());
    }

    @Test
    void missingJobFileIsNamed(@TempDir Path dir) {
        CliRun run = CliRun.of("train", dir.resolve("absent.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("job file not found: " + dir.resolve("absent.yaml")).doesNotContain("Exception");
    }

    @Test
    void malformedDataFileIsReportedWithFileAndLine(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("train.svm");
        Files.writeString(data, "1 1:0.5 2:1.0\n0 1:0.25 x:2\n");
        Path job = dir.resolve("job.yaml");
        Files.writeString(job, "dataset: { source: libsvm, path: '" + data + "' }\nworkers: 1\n");
        CliRun run = CliRun.of("train", job.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("train.svm").contains("line 2").doesNotContain("\tat ");
    }

    @Test
    @Timeout(120) // without the stop, 100,000 epochs would run on
    void aMalformedTestFileStopsTheTrainingItIsReadBesideWithFileAndLine(@TempDir Path dir) throws Exception {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            rows.append(i % 2).append(',').append(i % 7 * 0.5).append(',').append(i % 3 - 1).append('\n');
        }
        Path train = dir.resolve("train.csv");
        Files.writeString(train, rows);
        Path test = dir.resolve("test.csv");
        Files.writeString(test, "1,0.5,1\n0,0.25,1\n1,oops,0\n");
        Path job = dir.resolve("job.yaml");
        // Enough epochs that the run could only end this soon by being stopped.
        Files.writeString(job, "dataset: { source: csv, path: '" + train + "', testPath: '" + test + "' }\n"
                + "algorithm: { epochs: 100000 }\nworkers: 2\n");
        Path out = dir.resolve("run");
        CliRun run = CliRun.of("train", job.toString(), "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("test.csv").contains("line 3").contains("oops").doesNotContain("\tat ")
                .doesNotContain("functions finished");
        assertThat(Files.readString(out.resolve("status.json"))).contains("\"status\": \"failed\"").contains("test.csv");
    }

    @Test
    void aChannelUriThatCannotBeReadIsAUsageErrorNamingItsLine(@TempDir Path dir) throws Exception {
        Path job = dir.resolve("job.yaml");
        Files.writeString(job, "workers: 2\ndataset: { rows: 200 }\nchannel: 'redis://:secret@127.0.0.1:notaport'\n");
        CliRun run = CliRun.of("train", job.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        // refused while the job is read, before any data is loaded
        assertThat(run.err()).startsWith("cumulus: job.yaml line 3: ")
                .contains("Invalid channel URI 'redis://:***@127.0.0.1:notaport'")
                .contains("is not HOST:PORT").doesNotContain("secret").doesNotContain("data:").doesNotContain("\tat ");
    }

    @Test
    void badOverrideAndBadFlagAreUsageErrors(@TempDir Path dir) throws Exception {
        Path job = dir.resolve("job.yaml");
        Files.writeString(job, "workers: 2\n");
        assertThat(CliRun.of("train", job.toString(), "--set", "workers=many").exitCode()).isEqualTo(2);
        CliRun flag = CliRun.of("train", job.toString(), "--frobnicate");
        assertThat(flag.exitCode()).isEqualTo(2);
        assertThat(flag.err()).contains("Unknown option: '--frobnicate'");
    }

    @Test
    void debugFlagShowsTheStackTrace(@TempDir Path dir) throws Exception {
        Path job = dir.resolve("job.yaml");
        Files.writeString(job, "workers: zero\n");
        CliRun run = CliRun.of("train", job.toString(), "--debug");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("\tat ");
    }

    @Test
    void anExistingRunDirectoryIsRefusedBeforeAnyDataIsRead(@TempDir Path dir) throws Exception {
        Path job = dir.resolve("job.yaml");
        // the data file does not exist: reading data would fail with "file not found"
        Files.writeString(job, "dataset: { source: libsvm, path: '" + dir.resolve("absent.svm") + "' }\nworkers: 1\n");
        Path out = Files.createDirectories(dir.resolve("earlier"));
        Files.writeString(out.resolve("run.json"), "{\"runId\": \"earlier\"}");
        CliRun run = CliRun.of("train", job.toString(), "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("cumulus: cannot use run directory " + out + ": it holds an earlier run; "
                + "choose another --out, or add --force to write into it" + System.lineSeparator());
        assertThat(out.resolve("run.json")).hasContent("{\"runId\": \"earlier\"}");
        // with --force the directory is taken, and the run goes on to the data
        CliRun forced = CliRun.of("train", job.toString(), "--out", out.toString(), "--force");
        assertThat(forced.exitCode()).isEqualTo(2);
        assertThat(forced.err()).contains("absent.svm").doesNotContain("run directory");
    }

    @Test
    void anUnwritableOutIsOneLineNamingThePathBeforeAnyDataIsRead(@TempDir Path dir) throws Exception {
        Path job = dir.resolve("job.yaml");
        Files.writeString(job, "dataset: { source: libsvm, path: '" + dir.resolve("absent.svm") + "' }\nworkers: 1\n");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun onFile = CliRun.of("train", job.toString(), "--out", file.toString());
        assertThat(onFile.exitCode()).isEqualTo(2);
        assertThat(onFile.err()).isEqualTo("cumulus: cannot use run directory " + file + ": it is a file, not a directory"
                + System.lineSeparator());
        CliRun below = CliRun.of("train", job.toString(), "--out", file.resolve("run").toString());
        assertThat(below.exitCode()).isEqualTo(2);
        assertThat(below.err()).isEqualTo("cumulus: cannot use run directory " + file.resolve("run") + ": " + file
                + " is a file, not a directory" + System.lineSeparator());
    }

    @Test
    void functionProcessesWithoutAChannelUseAFileChannelInTheRunDirectoryAndLeaveNothingThere(@TempDir Path dir)
            throws Exception {
        Path job = dir.resolve("job.yaml");
        Files.writeString(job, """
                dataset: { source: higgs-like, rows: 2000 }
                algorithm: { epochs: 1 }
                workers: 2
                platform: { type: processes, coldStartMillis: 0 }
                """);
        Path out = dir.resolve("run");
        CliRun run = CliRun.of("train", job.toString(), "--out", out.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(out.resolve("run.json"))).contains("file:" + out.toAbsolutePath().resolve("channel"));
        assertThat(out.resolve("channel")).doesNotExist();
        assertThat(Files.readString(out.resolve("status.json"))).contains("\"status\": \"finished\"");
    }

    @Test
    void aFailedRunSaysWhyInItsRunDirectory(@TempDir Path dir) throws Exception {
        Path job = dir.resolve("job.yaml");
        Files.writeString(job, "dataset: { source: blobs, rows: 300, classes: 5 }\nmodel: { type: svm }\nworkers: 2\n");
        Path out = dir.resolve("run");
        CliRun run = CliRun.of("train", job.toString(), "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(Files.readString(out.resolve("status.json"))).contains("\"status\": \"failed\"")
                .contains("binary classifier");
    }
}
