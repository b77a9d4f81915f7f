package dev.cumulus.engine.lambdaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import dev.cumulus.ps.ClientOptions;
import dev.cumulus.ps.ParameterServerClient;
import dev.cumulus.ps.ServerAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parameter server the driver starts for worker processes is SIGKILLed mid-training; the driver's
 * supervisor starts it again on its state directory, the functions' clients retry, and the run ends
 * with the model of an undisturbed run.
 */
class ParameterServerKillTest {
    private static final Pattern STARTED = Pattern.compile("parameter server started at (\\S+) \\(process (\\d+)");
    private static final String JOB = """
            dataset: { source: higgs-like, rows: 6000 }
            model: { type: logistic }
            algorithm: { optimizer: adam, learningRate: 0.01, batchSize: 32, epochs: 3 }
            pattern: parameter-server
            workers: 3
            seed: 5
            """;

    @Test
    void aServerKilledMidRunIsRestartedFromItsStateAndTheRunEndsWithTheUndisturbedModel(@TempDir Path channelDir)
            throws Exception {
        // BSP through the server is deterministic, so threads in one JVM give the reference.
        RunResult undisturbed = new Driver(line -> { }).run(Protocols.read(JOB, "job.yaml",
                List.of("platform.coldStartMillis=0")));

        CompletableFuture<String> started = new CompletableFuture<>();
        CompletableFuture<Long> killedAtRound = started.thenApplyAsync(ParameterServerKillTest::killMidRun);
        RunResult recovered = new Driver(line -> {
            Matcher m = STARTED.matcher(line);
            if (m.find()) {
                started.complete(m.group(1) + " " + m.group(2));
            }
        }).run(Protocols.read(JOB, "job.yaml", List.of("platform.type=processes", "platform.memoryMb=256",
                "platform.coldStartMillis=0", "channel=file:" + channelDir)));

        assertThat(killedAtRound.get(1, TimeUnit.MINUTES)).as("the server was killed at a round mid-run").isPositive();
        assertThat(((Number) recovered.cost().get("parameterServerRestarts")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(recovered.curve()).hasSameSizeAs(undisturbed.curve());
        assertThat(recovered.metrics().get("testAccuracy")).isCloseTo(undisturbed.metrics().get("testAccuracy"),
                within(1e-9));
        assertThat(recovered.metrics().get("testLoss")).isCloseTo(undisturbed.metrics().get("testLoss"), within(1e-6));
    }

    /** Waits until the server has stepped past round 40 (of about 150), then SIGKILLs it; returns that round. */
    private static long killMidRun(String addressAndPid) {
        String[] parts = addressAndPid.split(" ");
        ServerAddress address = ServerAddress.parse(parts[0]);
        long pid = Long.parseLong(parts[1]);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        try (ParameterServerClient client = ParameterServerClient.connect(ClientOptions.builder(address).build())) {
            while (System.nanoTime() < deadline) {
                long round = client.status().round();
                if (round >= 40) {
                    ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
                    // destroyForcibly is SIGKILL on Linux: no shutdown hook, like a crashed machine.
                    server.destroyForcibly();
                    server.onExit().get(30, TimeUnit.SECONDS);
                    return round;
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return -1;
    }
}
