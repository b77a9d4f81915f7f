package dev.cumulus.engine.lambdaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.data.Dataset;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.protocol.TrainingData;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import dev.cumulus.engine.testing.RedisServerProcess;
import dev.cumulus.model.kmeans.KMeans;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every algorithm x pattern x synchronisation that LambdaML defines, the hybrid parameter server
 * among them, trains to the same quality
 * band on one small problem, on the memory channel and on a real Redis: the classifiers to the
 * test accuracy a single machine reaches on this standardised data (0.75 to 0.77), k-means to within 2% of the
 * inertia of single-machine Lloyd's iterations from the same centroids.
 */
class DesignSpaceMatrixTest {
    private static final String LINEAR = """
            dataset: { source: higgs-like, rows: 8000 }
            model: { type: logistic }
            algorithm: { optimizer: adam, learningRate: 0.01, batchSize: 32, epochs: 3, localSteps: 10 }
            workers: 4
            platform: { coldStartMillis: 0 }
            seed: 5
            """;
    private static final String CLUSTERS = """
            dataset: { source: blobs, rows: 6000, classes: 5, features: 4 }
            model: { type: kmeans, k: 5 }
            algorithm: { type: kmeans, epochs: 8 }
            workers: 4
            platform: { coldStartMillis: 0 }
            seed: 5
            """;
    private static RedisServerProcess redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    static Stream<Arguments> combinations() {
        List<Arguments> out = new ArrayList<>();
        for (String channel : List.of("memory", "redis")) {
            for (String pattern : List.of("allreduce", "scatter-reduce")) {
                for (String algorithm : List.of("ga-sgd", "ma-sgd", "admm", "kmeans")) {
                    out.add(Arguments.of(channel, algorithm, pattern, "bsp"));
                }
            }
            out.add(Arguments.of(channel, "ga-sgd", "allreduce", "asp"));
            out.add(Arguments.of(channel, "ga-sgd", "parameter-server", "bsp"));
            out.add(Arguments.of(channel, "ga-sgd", "parameter-server", "asp"));
            out.add(Arguments.of(channel, "ga-sgd", "allreduce", "ssp:2"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("combinations")
    void trainsToTheSameQualityBand(String channel, String algorithm, String pattern, String sync) {
        boolean kmeans = algorithm.equals("kmeans");
        List<String> overrides = new ArrayList<>(List.of("pattern=" + pattern, "sync=" + sync));
        if (!kmeans) {
            overrides.add("algorithm.type=" + algorithm);
        }
        if (channel.equals("redis")) {
            overrides.add("channel=redis://127.0.0.1:" + redis.port());
        }
        if ((sync.equals("asp") || sync.startsWith("ssp")) && !pattern.equals("parameter-server")) {
            // One shared model, no collective: the pattern does not apply.
            overrides.remove("pattern=" + pattern);
        }
        var job = Protocols.read(kmeans ? CLUSTERS : LINEAR, "job.yaml", overrides);
        RunResult run = new Driver(line -> { }).run(job);
        if (kmeans) {
            Dataset train = TrainingData.load(job.spec()).train();
            float[] centroids = new KMeans().initialCentroids(train, 5, 5);
            for (int i = 0; i < 8; i++) {
                centroids = new KMeans().centroidsFrom(new KMeans().statistics(centroids, train), centroids);
            }
            double lloyd = new KMeans().inertia(centroids, train) / train.rows();
            assertThat(run.metrics().get("trainInertia")).isCloseTo(lloyd, org.assertj.core.api.Assertions.withinPercentage(2));
        } else {
            assertThat(run.metrics().get("testAccuracy")).isBetween(0.74, 0.78);
            if (pattern.equals("parameter-server")) {
                assertThat(((Number) run.cost().get("parameterServerHours")).doubleValue()).isPositive();
                assertThat(((Number) run.cost().get("parameterServerUsd")).doubleValue()).isPositive();
            }
        }
    }
}
