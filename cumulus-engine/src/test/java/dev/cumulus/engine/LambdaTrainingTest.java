package dev.cumulus.engine;

import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.runtime.lambda.LambdaHandler;
import dev.cumulus.runtime.lambda.LambdaSettings;
import dev.cumulus.runtime.lambda.LocalLambdaEndpoint;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job on the {@code lambda} platform, end to end: the driver invokes through AWS SDK v2 against
 * a local endpoint that speaks the Lambda Invoke API and runs the deployed {@link LambdaHandler}.
 */
class LambdaTrainingTest {
    private static LocalLambdaEndpoint endpoint;

    @BeforeAll
    static void deploy() throws Exception {
        // The SDK's default credential chain reads these; the local endpoint does not check signatures.
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        endpoint = new LocalLambdaEndpoint();
        LambdaSettings handlerSettings = LambdaSettings.builder().endpoint(endpoint.uri()).credentials("local", "local").build();
        endpoint.deploy("cumulus-512", new LocalLambdaEndpoint.Deployment(512, 900,
                () -> new LambdaHandler(Driver.registry(), handlerSettings)));
    }

    @AfterAll
    static void undeploy() {
        endpoint.close();
    }

    @Test
    void trainsThroughTheLambdaInvokeApi(@TempDir Path channelDir) {
        BoundJob job = Protocols.read("""
                dataset: { source: higgs-like, rows: 8000 }
                model: { type: logistic }
                algorithm: { learningRate: 0.2, batchSize: 32, epochs: 3 }
                workers: 3
                channel: "file:%s"
                platform: { type: lambda, memoryMb: 512, endpoint: "%s" }
                seed: 4
                """.formatted(channelDir, endpoint.uri()), "job.yaml", List.of());

        RunResult run = new Driver(line -> { }).run(job);

        assertThat(run.provenance().platform()).isEqualTo("lambda");
        assertThat(run.metrics().get("testAccuracy")).isGreaterThan(0.6);
        assertThat(((Number) run.cost().get("invocations")).longValue()).isEqualTo(3);
        assertThat(((Number) run.cost().get("gbSeconds")).doubleValue()).isPositive();
    }

    /**
     * With a 3-second limit each Lambda worker invokes its successor itself (an Event invocation the
     * driver cannot see), so the driver follows those ranks by their heartbeats; the model must be
     * the one an unlimited run on threads produces.
     */
    @Test
    void successorsInvokedInsideLambdaFinishTheSameModel(@TempDir Path channelDir) {
        String job = """
                dataset: { source: higgs-like, rows: 12000 }
                model: { type: mlp, hidden: [16] }
                algorithm: { optimizer: adam, learningRate: 0.001, batchSize: 8, epochs: 3 }
                workers: 3
                seed: 8
                """;
        BoundJob onLambda = Protocols.read(job + """
                channel: "file:%s"
                platform: { type: lambda, memoryMb: 512, timeoutSeconds: 3, endpoint: "%s" }
                """.formatted(channelDir, endpoint.uri()), "job.yaml", List.of());
        BoundJob onThreads = Protocols.read(job + "platform: { coldStartMillis: 0 }\n",
                "job.yaml", List.of());

        RunResult lambda = new Driver(line -> { }).run(onLambda);
        RunResult threads = new Driver(line -> { }).run(onThreads);

        long startups = lambda.timeline().stream().filter(e -> e.phase() == Phase.STARTUP).count();
        assertThat(startups).as("invocations, successors included").isGreaterThan(3);
        assertThat(lambda.parameters()).containsExactly(threads.parameters());
    }
}
