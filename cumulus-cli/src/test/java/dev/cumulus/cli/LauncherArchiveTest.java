package dev.cumulus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data archive (cumulus-cli/target/cumulus.jsa, written by the build): used
 * when it is newer than the jar, and never a word on stdout or stderr when the JVM cannot use it.
 * Run in a copy of the repository's layout around a one-class jar, so the build's own jar and
 * archive are not needed.
 */
class LauncherArchiveTest {
    private static final Path LAUNCHER = Path.of(System.getProperty("user.dir")).getParent().resolve("cumulus");

    /** A repository layout: the launcher and a jar whose main class prints its arguments. */
    private static Path repository(Path tmp, String greeting) throws Exception {
        Path root = tmp.resolve("repo");
        Path target = Files.createDirectories(root.resolve("cumulus-cli/target"));
        Files.copy(LAUNCHER, root.resolve("cumulus"), StandardCopyOption.REPLACE_EXISTING);
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("Hello.java"), """
                public class Hello {
                    public static void main(String[] args) {
                        System.out.println("%s " + String.join(" ", args));
                    }
                }
                """.formatted(greeting));
        Path classes = Files.createDirectories(tmp.resolve("classes-" + greeting));
        assertThat(javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                src.resolve("Hello.java").toString())).isZero();
        Path jar = target.resolve("cumulus.jar");
        Files.deleteIfExists(jar);
        int code = ToolProvider.findFirst("jar").orElseThrow().run(System.out, System.err, "--create", "--file",
                jar.toString(), "--main-class", "Hello", "-C", classes.toString(), ".");
        assertThat(code).isZero();
        return root;
    }

    private static void dumpArchive(Path root) throws Exception {
        Path jar = root.resolve("cumulus-cli/target/cumulus.jar");
        Path archive = root.resolve("cumulus-cli/target/cumulus.jsa");
        Result dump = run(List.of("java", "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=off", "-jar",
                jar.toString(), "dump"), Map.of());
        assertThat(dump.exitCode()).as(dump.err()).isZero();
        assertThat(archive).isNotEmptyFile();
    }

    @Test
    void anArchiveNewerThanTheJarIsMappedAndTheOutputIsUnchanged(@TempDir Path tmp) throws Exception {
        Path root = repository(tmp, "hello");
        dumpArchive(root);
        // -Xshare:on turns "cannot map the archive" into a failed start, and class+load names the source.
        Result run = run(List.of("bash", root.resolve("cumulus").toString(), "a", "b"),
                Map.of("CUMULUS_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info:file=" + tmp.resolve("classes.log"),
                        "CUMULUS_RAW_STDERR", "1"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("hello a b\n");
        assertThat(run.err()).isEmpty();
        assertThat(Files.readAllLines(tmp.resolve("classes.log")))
                .anyMatch(line -> line.contains(" Hello source: shared objects file (top)"));
    }

    @Test
    void anArchiveOfAnotherBuildOfTheJarIsIgnoredWithoutAWord(@TempDir Path tmp) throws Exception {
        Path root = repository(tmp, "hello");
        dumpArchive(root);
        Path archive = root.resolve("cumulus-cli/target/cumulus.jsa");
        FileTime archived = Files.getLastModifiedTime(archive);
        // A rebuilt jar whose time is, wrongly, still older than the archive: the JVM's own check refuses it.
        repository(tmp, "rebuilt");
        Files.setLastModifiedTime(root.resolve("cumulus-cli/target/cumulus.jar"), FileTime.fromMillis(archived.toMillis() - 60_000));
        Result run = run(List.of("bash", root.resolve("cumulus").toString(), "x"),
                Map.of("CUMULUS_JAVA_OPTS", "-Xmx256m", "CUMULUS_RAW_STDERR", "1"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("rebuilt x\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void anArchiveOlderThanTheJarIsNotPassed(@TempDir Path tmp) throws Exception {
        Path root = repository(tmp, "hello");
        Path archive = root.resolve("cumulus-cli/target/cumulus.jsa");
        // Not an archive at all: a JVM that mapped it would crash, so the launcher must not pass it.
        Files.writeString(archive, "not an archive");
        Files.setLastModifiedTime(archive, FileTime.fromMillis(
                Files.getLastModifiedTime(root.resolve("cumulus-cli/target/cumulus.jar")).toMillis() - 60_000));
        Result run = run(List.of("bash", root.resolve("cumulus").toString(), "y"),
                Map.of("CUMULUS_JAVA_OPTS", "-Xmx256m", "CUMULUS_RAW_STDERR", "1"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("hello y\n");
    }

    record Result(int exitCode, String out, String err) {
    }

    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("CUMULUS_CLASS_PATH");
        builder.environment().putAll(env);
        Path out = Files.createTempFile("launcher-archive", ".out");
        Path err = Files.createTempFile("launcher-archive", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
