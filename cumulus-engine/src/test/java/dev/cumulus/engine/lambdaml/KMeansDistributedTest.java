package dev.cumulus.engine.lambdaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.data.chunk.Partitioner;
import dev.cumulus.data.source.DataSources;
import dev.cumulus.data.source.TrainTest;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.model.kmeans.KMeans;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Distributed k-means (statistics summed through the channel) equals Lloyd's algorithm on one machine. */
class KMeansDistributedTest {

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 3, 7})
    void followsSingleMachineLloydIterations(int workers) {
        BoundJob job = Protocols.read("""
                dataset: { source: blobs, rows: 3000, classes: 5, features: 4 }
                model: { type: kmeans, k: 5 }
                algorithm: { type: kmeans, epochs: 6 }
                workers: %d
                platform: { coldStartMillis: 0 }
                seed: 21
                """.formatted(workers), "job.yaml", List.of());

        RunResult run = new Driver(line -> { }).run(job);

        TrainTest data = DataSources.load(job.spec().data());
        KMeans kmeans = new KMeans();
        float[] centroids = kmeans.initialCentroids(data.train(), 5, 21);
        for (int i = 0; i < 6; i++) {
            centroids = kmeans.centroidsFrom(kmeans.statistics(centroids, data.train()), centroids);
        }
        assertThat(run.parameters()).hasSameSizeAs(centroids);
        for (int i = 0; i < centroids.length; i++) {
            assertThat(run.parameters()[i]).as("coordinate %d", i).isCloseTo(centroids[i], within(1e-3f));
        }
        assertThat(run.metrics().get("trainInertia"))
                .isCloseTo(kmeans.inertia(centroids, data.train()) / data.train().rows(), within(1e-3));
        assertThat(run.curve()).hasSize(6);
    }
}
