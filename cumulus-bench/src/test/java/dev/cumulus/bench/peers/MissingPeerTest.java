package dev.cumulus.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissingPeerTest {
    @TempDir
    Path dir;

    @Test
    void aPythonThatDoesNotExistIsReportedAsMissingScikitLearnWithTheInstallCommand() {
        assertThatThrownBy(() -> ScikitLearn.check(dir.resolve("no-such-python3"), dir))
                .isInstanceOf(PeerMissingException.class)
                .hasMessageContaining("scikit-learn is missing")
                .hasMessageContaining("no-such-python3")
                .hasMessageContaining("apt-get install python3-sklearn");
    }

    @Test
    void aProgramThatRunsButCannotImportScikitLearnIsReportedAsMissingScikitLearn() {
        // /bin/false starts and exits with 1, as a python without sklearn does on the import.
        assertThatThrownBy(() -> ScikitLearn.check(Path.of("/bin/false"), dir))
                .isInstanceOf(PeerMissingException.class)
                .hasMessageContaining("/bin/false cannot import numpy and sklearn")
                .hasMessageContaining("apt-get install python3-sklearn");
    }

    @Test
    void scikitLearnIsFoundThroughARelativeWorkDirectory() throws Exception {
        // The command's default --out is relative (runs/peers-...); python runs inside the work directory.
        // Below the module's directory: a relative path that climbs to /tmp would hide a doubled path.
        Path relative = Path.of("target", "relative-peers-" + ProcessHandle.current().pid(), "work");
        try {
            assertThat(ScikitLearn.check(Path.of("/usr/bin/python3"), relative).versions()).contains("scikit-learn");
        } finally {
            Files.deleteIfExists(relative.resolve("sklearn_peer.py"));
            Files.deleteIfExists(relative);
            Files.deleteIfExists(relative.getParent());
        }
    }

    @Test
    void anEmptySparkDirectoryIsReportedAsMissingSparkWithTheBuildCommand() {
        assertThatThrownBy(() -> SparkMllib.check(dir, dir))
                .isInstanceOf(PeerMissingException.class)
                .hasMessageContaining("Spark MLlib is missing")
                .hasMessageContaining(dir.resolve("spark-peer.jar").toString())
                .hasMessageContaining("mvn -B -f cumulus-bench/spark-peer/pom.xml package");
    }

    @Test
    void aSparkDirectoryWithoutSparksJarsIsReportedAsMissingSpark() throws Exception {
        Files.writeString(dir.resolve("spark-peer.jar"), "");
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/scala-library-2.12.18.jar"), "");
        assertThatThrownBy(() -> SparkMllib.check(dir, dir))
                .isInstanceOf(PeerMissingException.class)
                .hasMessageContaining("no spark-mllib_*.jar in " + dir.resolve("lib"));
    }

    @Test
    void theCommandExitsWithThreeAndSaysHowToInstallWhenItsPeerIsMissing() {
        String[] args = {"spark", "lr-1m", "--python", "/bin/false", "--out", dir.toString()};
        Captured run = capture(args);
        assertThat(run.exitCode).isEqualTo(PeerComparison.PEER_MISSING);
        assertThat(run.err).contains("scikit-learn is missing").contains("apt-get install python3-sklearn");
    }

    @Test
    void aMissingSparkStopsTheSparkComparisonEvenWhenScikitLearnIsThere() {
        // Debian's python3-sklearn, which the benchmarks need anyway (see docs/BENCHMARKS.md).
        String[] args = {"spark", "lr-1m", "--python", "/usr/bin/python3", "--spark", dir.resolve("none").toString(),
            "--out", dir.resolve("out").toString()};
        Captured run = capture(args);
        assertThat(run.exitCode).as(run.err).isEqualTo(PeerComparison.PEER_MISSING);
        assertThat(run.err).contains("Spark MLlib is missing").contains(dir.resolve("none").toString());
    }

    @Test
    void anUnknownPeerIsAUsageErrorWithExitCodeTwo() {
        Captured run = capture(new String[] {"weka", "lr-1m"});
        assertThat(run.exitCode).isEqualTo(PeerComparison.USAGE);
        assertThat(run.err).contains("unknown peer 'weka': expected sklearn or spark").contains("usage:");
    }

    @Test
    void anUnknownWorkloadIsAUsageErrorNamingTheKnownOnes() {
        Captured run = capture(new String[] {"sklearn", "lr-2m"});
        assertThat(run.exitCode).isEqualTo(PeerComparison.USAGE);
        assertThat(run.err).contains("unknown workload 'lr-2m'").contains("lr-1m, lr-5m, fashion");
    }

    private record Captured(int exitCode, String err) {
    }

    private static Captured capture(String[] args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            int code = PeerComparison.run(args);
            return new Captured(code, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }
}
