package dev.cumulus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import dev.cumulus.engine.job.Job;
import dev.cumulus.engine.job.JobReader;
import dev.cumulus.engine.job.JobSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker process killed with SIGKILL in the middle of an epoch is noticed by the driver and
 * re-invoked from the checkpoint; the run still ends with the same accuracy.
 */
class KilledWorkerTest {

    private static Job job(Path channelDir) {
        return new JobReader(JobSchema.STANDARD).read("""
                dataset: { source: higgs-like, rows: 24000 }
                model: { type: logistic }
                algorithm: { optimizer: sgd, learningRate: 0.1, batchSize: 16, epochs: 4 }
                workers: 3
                channel: "file:%s"
                platform: { type: processes, memoryMb: 256, coldStartMillis: 0 }
                seed: 5
                """.formatted(channelDir), "job.yaml", List.of());
    }

    @Test
    void sigkilledWorkerIsReinvokedAndAccuracyHolds(@TempDir Path reference, @TempDir Path killed) throws Exception {
        RunResult clean = new Driver(line -> { }).run(job(reference));

        CompletableFuture<Boolean> killer = CompletableFuture.supplyAsync(() -> killOneWorkerMidRun(killed));
        RunResult recovered = new Driver(line -> { }).run(job(killed));

        assertThat(killer.get(1, TimeUnit.MINUTES)).as("a worker process was killed mid-run").isTrue();
        assertThat(((Number) recovered.cost().get("restarts")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(recovered.metrics().get("testAccuracy")).isCloseTo(clean.metrics().get("testAccuracy"), within(0.005));
    }

    /** Waits until training is under way (rank 0 has checkpointed a few rounds), then SIGKILLs a worker JVM. */
    private static boolean killOneWorkerMidRun(Path channelDir) {
        long deadline = System.currentTimeMillis() + 60_000;
        try (Channel channel = Channels.open("file:" + channelDir)) {
            while (System.currentTimeMillis() < deadline) {
                Optional<String> checkpoint = channel.list("runs/").stream()
                        .filter(k -> k.endsWith("checkpoint/shared")).findFirst();
                if (checkpoint.isPresent() && checkpoint.flatMap(channel::get)
                        .map(b -> dev.cumulus.engine.checkpoint.Checkpoint.decode(b).round() > 200).orElse(false)) {
                    Optional<ProcessHandle> worker = ProcessHandle.current().descendants()
                            // Every JVM this test's JVM started is a worker function (its long class path hides the rest).
                            .filter(p -> p.info().command().orElse("").endsWith("/java"))
                            .reduce((a, b) -> b);
                    if (worker.isPresent()) {
                        // destroyForcibly is SIGKILL on Linux: no shutdown hook, no flush, like a crashed function.
                        return worker.get().destroyForcibly();
                    }
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
