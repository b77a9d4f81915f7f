package dev.cumulus.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.cli.CliRun;
import dev.cumulus.cli.output.ExitCodes;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.LabelledData;
import dev.cumulus.data.binary.BinaryDatasetReader;
import dev.cumulus.data.chunk.DataFingerprint;
import dev.cumulus.data.csv.CsvReader;
import dev.cumulus.data.generate.HiggsLike;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataCommandTest {
    @TempDir
    Path dir;

    @Test
    void generatesCsvThatReadsBackAsTheGeneratorsRows() {
        Path csv = dir.resolve("higgs.csv");
        CliRun run = CliRun.of("data", "generate", "higgs-like", "--rows", "300", "--seed", "5", "--out", csv.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote " + csv + ": 300 rows x 28 features of higgs-like (seed 5) as csv");
        Dataset back = CsvReader.read(csv);
        assertThat(DataFingerprint.of(back)).isEqualTo(DataFingerprint.of(new HiggsLike().generate(300, 5)));
    }

    @Test
    void convertsCsvToBinaryKeepingTheFingerprint() {
        Path csv = dir.resolve("d.csv");
        Path bin = dir.resolve("d.cds");
        assertThat(CliRun.of("data", "generate", "higgs-like", "--rows", "200", "--out", csv.toString()).exitCode()).isZero();
        CliRun convert = CliRun.of("data", "convert", csv.toString(), bin.toString());
        assertThat(convert.exitCode()).as(convert.err()).isZero();
        LabelledData fromBinary = BinaryDatasetReader.read(bin);
        String fingerprint = DataFingerprint.of(CsvReader.read(csv));
        assertThat(DataFingerprint.of(fromBinary.dataset())).isEqualTo(fingerprint);
        assertThat(convert.out()).contains("fingerprint: " + fingerprint);
    }

    @Test
    void inspectPrintsShapeClassesSparsityAndFingerprint() {
        Path svm = dir.resolve("r.libsvm");
        CliRun generate = CliRun.of("data", "generate", "rcv1-like", "--rows", "50", "--features", "2000", "--out", svm.toString());
        assertThat(generate.exitCode()).as(generate.err()).isZero();
        CliRun run = CliRun.of("data", "inspect", svm.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("format:      libsvm", "rows:        50", "classes:     2", "layout:      sparse",
                "fingerprint: ", "sparsity 0.9");
    }

    @Test
    void inspectsABinaryFileWhateverItsName() throws IOException {
        Path bin = dir.resolve("data.whatever");
        assertThat(CliRun.of("data", "generate", "blobs", "--rows", "40", "--classes", "4", "--format", "binary",
                "--out", bin.toString()).exitCode()).isZero();
        CliRun run = CliRun.of("data", "inspect", bin.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("format:      binary", "rows:        40", "classes:     4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inspect", "convert", "generate", ""})
    void everySubcommandAnswersHelp(String sub) {
        CliRun run = sub.isEmpty() ? CliRun.of("data", "--help") : CliRun.of("data", sub, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage:");
    }

    @Test
    void malformedInputIsOneLineOnStderrAndExitCodeTwo() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "1,2,3\n0,2,x\n");
        CliRun run = CliRun.of("data", "inspect", csv.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).isEqualTo("cumulus: " + csv + ", line 2: column 3: value 'x' is not a number");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownFormatsGeneratorsAndMissingFilesAreUsageErrors() throws IOException {
        Path unnamed = dir.resolve("data.dat");
        Files.writeString(unnamed, "1 1:2\n");
        assertUsageError(CliRun.of("data", "inspect", unnamed.toString()), "cannot tell the format of " + unnamed);
        assertUsageError(CliRun.of("data", "inspect", unnamed.toString(), "--format", "parquet"), "unknown format 'parquet'");
        assertUsageError(CliRun.of("data", "generate", "mnist", "--rows", "5", "--out", dir.resolve("x.csv").toString()),
                "unknown generator 'mnist': expected one of higgs-like, rcv1-like, blobs");
        assertUsageError(CliRun.of("data", "generate", "blobs", "--rows", "0", "--out", dir.resolve("x.csv").toString()),
                "--rows must be at least 1, got 0");
        assertUsageError(CliRun.of("data", "inspect", dir.resolve("missing.csv").toString()), "data file not found");
        assertUsageError(CliRun.of("data", "convert", "only-one-argument.csv"), "Missing required parameter");
        assertUsageError(CliRun.of("data"), "missing subcommand");
    }

    @Test
    void refusesAnAlteredBinaryFile() throws IOException {
        Path bin = dir.resolve("d.cds");
        assertThat(CliRun.of("data", "generate", "higgs-like", "--rows", "20", "--out", bin.toString()).exitCode()).isZero();
        byte[] bytes = Files.readAllBytes(bin);
        bytes[200] ^= 4;
        Files.write(bin, bytes);
        assertUsageError(CliRun.of("data", "inspect", bin.toString()), "checksum mismatch");
    }

    private static void assertUsageError(CliRun run, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).startsWith("cumulus: ").contains(message).doesNotContain("\n")
                .doesNotContain("Exception");
    }
}
