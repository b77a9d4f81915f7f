package dev.cumulus.cli;

import dev.cumulus.engine.testing.RedisServerProcess;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cumulus} launcher script, run as a user runs it (on this build's class path instead
 * of the jar): what reaches stderr, exit codes and signals.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of(System.getProperty("user.dir")).getParent().resolve("cumulus");

    @Test
    void aNormalRunPrintsNoJvmOrLibraryWarningAndNoEscapeCodes(@TempDir Path tmp) throws Exception {
        Path job = job(tmp, 2000, 2);
        Result run = run(List.of("train", job.toString(), "--out", tmp.resolve("run").toString()), null);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isNotEmpty().doesNotContain("WARNING").doesNotContain("SLF4J").doesNotContain("\u001b");
        assertThat(run.err().lines()).allMatch(line -> line.startsWith("cumulus: "));
        assertThat(run.out()).contains("report: ").doesNotContain("\u001b").doesNotContainPattern("\\dE-\\d");
    }

    @Test
    void onATerminalTrainingProgressIsOneLiveLineErasedBeforeTheSummary(@TempDir Path tmp) throws Exception {
        Path script = Path.of("/usr/bin/script");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(script),
                "util-linux's script, which gives the launcher a terminal, is not installed");
        Path job = job(tmp, 40_000, 3);
        // script runs the launcher on a pseudo-terminal; stdout goes to a file, so Java has no console
        // and only the launcher can tell it that stderr is a terminal.
        Path stdout = tmp.resolve("stdout.txt");
        String line = "bash " + LAUNCHER + " train " + job + " --out " + tmp.resolve("run") + " > " + stdout;
        Result run = run(null, Map.of(), List.of(script.toString(), "-q", "-e", "-c", line, "/dev/null"));
        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("\r\u001b[Kpreparing, 0:0").contains("\r\u001b[Kcumulus: invoking ")
                .containsPattern("\r\u001b\\[Kepoch \\d/3, step \\d+/\\d+, loss ")
                .doesNotContain("report: ");
        assertThat(stdout).content().contains("report: ").doesNotContain("\u001b");
    }

    @Test
    void theCompilerDirectivesAreInstalledAndOnlyTheUnfilteredStderrSaysSo() throws Exception {
        // The JVM refuses to start on a directives file it cannot parse; a parsed one it reports on stderr.
        Result raw = run(List.of("--version"), null, Map.of("CUMULUS_RAW_STDERR", "1"));
        assertThat(raw.exitCode()).as(raw.err()).isZero();
        // The JVM starts on a file with a bad method pattern too: it prints the error and drops the pattern.
        assertThat(raw.err()).contains("2 compiler directives added\n").doesNotContainIgnoringCase("error");
        Result filtered = run(List.of("--version"), null);
        assertThat(filtered.exitCode()).isZero();
        assertThat(filtered.err()).isEmpty();
        assertThat(filtered.out()).startsWith("cumulus ").isEqualTo(raw.out());
    }

    @Test
    void exitCodesAndErrorLinesPassThroughUnchanged(@TempDir Path tmp) throws Exception {
        Result run = run(List.of("train", tmp.resolve("absent.yaml").toString()), null);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("cumulus: job file not found: " + tmp.resolve("absent.yaml") + "\n");
        Result help = run(List.of("train", "--help"), null);
        assertThat(help.exitCode()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).startsWith("Usage: cumulus train");
    }

    @Test
    void sigtermSentToTheLauncherReachesJava(@TempDir Path tmp) throws Exception {
        Path job = job(tmp, 400_000, 200);
        Result run = run(List.of("train", job.toString(), "--out", tmp.resolve("run").toString()), "invoking");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(143);
        assertThat(run.err()).contains("cumulus: staged").doesNotContain("WARNING");
    }

    @Test
    void sigtermLeavesNothingOfTheRunInItsStoreAndTheRunDirectorySaysSo(@TempDir Path tmp) throws Exception {
        Path store = tmp.resolve("store");
        Path job = job(tmp, 400_000, 200);
        Result run = run(List.of("train", job.toString(), "--out", tmp.resolve("run").toString(), "--set",
                "channel=file:" + store), "invoking");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(143);
        try (java.util.stream.Stream<Path> files = Files.walk(store)) {
            assertThat(files.filter(Files::isRegularFile).toList()).as("files of the run left in its store").isEmpty();
        }
        assertThat(Files.readString(tmp.resolve("run").resolve("status.json"))).contains("\"status\": \"interrupted\"");
    }

    @Test
    void sigtermLeavesNoKeyOfTheRunInRedis(@TempDir Path tmp) throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start()) {
            String uri = "redis://127.0.0.1:" + redis.port();
            Path job = job(tmp, 400_000, 200);
            Result run = run(List.of("train", job.toString(), "--out", tmp.resolve("run").toString(), "--set",
                    "channel=" + uri), "invoking");
            assertThat(run.exitCode()).as(run.err()).isEqualTo(143);
            try (dev.cumulus.channel.Channel channel = dev.cumulus.channel.Channels.open(uri)) {
                // Heartbeats carry an expiry of a few seconds; anything else would be a leftover.
                assertThat(channel.list("runs/")).allMatch(key -> key.contains("/heartbeat/"));
            }
        }
    }

    @Test
    void aPasswordNamedByAnEnvironmentReferenceReachesTheWorkersAndNoFile(@TempDir Path tmp) throws Exception {
        String password = "pw-env-5d1c0b2e";
        try (RedisServerProcess redis = RedisServerProcess.start(password)) {
            Path job = job(tmp, 2000, 2);
            Path out = tmp.resolve("run");
            String channel = "redis://:${env:CUMULUS_TEST_REDIS_PASSWORD}@127.0.0.1:" + redis.port();
            Result run = run(List.of("train", job.toString(), "--out", out.toString(), "--set", "channel=" + channel),
                    null, Map.of("CUMULUS_TEST_REDIS_PASSWORD", password));
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(Files.readString(out.resolve("run.json"))).contains(channel).doesNotContain(password);
            assertThat(run.out() + run.err()).doesNotContain(password);
            // the Redis client's libraries (Lettuce, Netty) print nothing either
            assertThat(run.err().lines()).allMatch(line -> line.startsWith("cumulus: "));
            Result unset = run(List.of("train", job.toString(), "--out", tmp.resolve("unset").toString(), "--set",
                    "channel=" + channel), null, Map.of());
            assertThat(unset.exitCode()).isEqualTo(2);
            assertThat(unset.err()).contains("${env:CUMULUS_TEST_REDIS_PASSWORD}: environment variable "
                    + "CUMULUS_TEST_REDIS_PASSWORD is not set");
        }
    }

    private static Path job(Path tmp, int rows, int epochs) throws IOException {
        return Files.writeString(tmp.resolve("job.yaml"), """
                dataset: { source: higgs-like, rows: %d }
                model: { type: logistic }
                algorithm: { learningRate: 0.1, batchSize: 50, epochs: %d }
                workers: 2
                """.formatted(rows, epochs));
    }

    record Result(int exitCode, String out, String err) {
    }

    /** Runs the launcher; when {@code terminateAfter} appears on stderr, sends it SIGTERM. */
    private static Result run(List<String> args, String terminateAfter) throws Exception {
        return run(args, terminateAfter, Map.of());
    }

    private static Result run(List<String> args, String terminateAfter, Map<String, String> env) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(args);
        return run(terminateAfter, env, command);
    }

    private static Result run(String terminateAfter, Map<String, String> env, List<String> command) throws Exception {
        assertThat(LAUNCHER).isExecutable();
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CUMULUS_CLASS_PATH", System.getProperty("java.class.path"));
        builder.environment().put("CUMULUS_JAVA_OPTS", "-Xmx1g --add-modules jdk.incubator.vector");
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<String> out = read(process.getInputStream(), null, null);
        CompletableFuture<String> err = read(process.getErrorStream(), terminateAfter, process);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new Result(process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    }

    private static CompletableFuture<String> read(InputStream in, String trigger, Process process) {
        return CompletableFuture.supplyAsync(() -> {
            StringBuilder text = new StringBuilder();
            boolean sent = false;
            byte[] buffer = new byte[4096];
            try (in) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (trigger != null && !sent && text.indexOf(trigger) >= 0) {
                        process.destroy(); // SIGTERM to the launcher's process id
                        sent = true;
                    }
                }
            } catch (IOException e) {
                text.append("(read failed: ").append(e).append(')');
            }
            return text.toString();
        });
    }
}
