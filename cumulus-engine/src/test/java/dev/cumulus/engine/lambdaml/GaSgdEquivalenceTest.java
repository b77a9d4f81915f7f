package dev.cumulus.engine.lambdaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.chunk.Partitioner;
import dev.cumulus.engine.protocol.BatchSchedule;
import dev.cumulus.engine.protocol.TrainingData;
import dev.cumulus.data.source.TrainTest;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.model.Model;
import dev.cumulus.model.Models;
import dev.cumulus.optim.Optimizer;
import dev.cumulus.optim.Optimizers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GA-SGD with N workers and batch b per worker must follow single-machine SGD with batch N·b
 * over the same rows in the same order.
 */
class GaSgdEquivalenceTest {

    @ParameterizedTest(name = "{0} workers, batch {1}, {2} on {3} through {5}")
    @CsvSource({
            "1, 16, sgd, logistic, higgs-like, allreduce",
            "3, 8, momentum, logistic, higgs-like, allreduce",
            "4, 5, adam, softmax, blobs, allreduce",
            "5, 7, sgd, svm, rcv1-like, allreduce",
            "2, 6, momentum, mlp, blobs, allreduce",
            "3, 8, momentum, softmax, blobs, scatter-reduce"})
    void followsSingleMachineSgdWithTheUnionBatch(int workers, int batch, String optimizer, String model, String source,
            String pattern) {
        BoundJob job = Protocols.read("""
                dataset: { source: %s, rows: 300, seed: 5 }
                model: { type: %s, hidden: [6], k: 4, l2: 0.001 }
                algorithm: { optimizer: %s, learningRate: 0.05, batchSize: %d, epochs: 2, schedule: constant }
                workers: %d
                pattern: %s
                platform: { coldStartMillis: 0 }
                seed: 11
                """.formatted(source, model, optimizer, batch, workers, pattern), "job.yaml", List.of());

        RunResult distributed = new Driver(line -> { }).run(job);
        float[] reference = singleMachine(job);

        assertThat(distributed.parameters()).hasSameSizeAs(reference);
        for (int i = 0; i < reference.length; i++) {
            assertThat(distributed.parameters()[i]).as("parameter %d", i).isCloseTo(reference[i], within(2e-4f));
        }
    }

    /** Replays the same data order on one machine: each step's batch is the union of the workers' batches. */
    private static float[] singleMachine(BoundJob job) {
        int workers = job.spec().workers();
        long seed = job.spec().seed();
        TrainTest data = TrainingData.load(job.spec()).training();
        List<Dataset> chunks = Partitioner.shuffled(workers, job.spec().seed()).split(data.train());
        int minRows = chunks.stream().mapToInt(Dataset::rows).min().orElseThrow();
        List<BatchSchedule> schedules = new ArrayList<>();
        for (int r = 0; r < workers; r++) {
            schedules.add(new BatchSchedule(seed, r, chunks.get(r).rows(), minRows, job.spec().training().batchSize()));
        }
        Model model = Models.create(job.spec().model(), data.train().cols(), data.train().numClasses());
        float[] w = model.initialParameters(seed);
        Optimizer opt = Optimizers.create(job.spec().training().optimizer(), w.length);
        float[] g = new float[w.length];
        for (int epoch = 0; epoch < job.spec().training().epochs(); epoch++) {
            for (int step = 0; step < schedules.get(0).stepsPerEpoch(); step++) {
                List<Dataset> parts = new ArrayList<>();
                for (int r = 0; r < workers; r++) {
                    parts.add(chunks.get(r).select(schedules.get(r).rows(epoch, step)));
                }
                Dataset union = concat(parts);
                int[] all = new int[union.rows()];
                for (int i = 0; i < all.length; i++) {
                    all[i] = i;
                }
                model.lossAndGradient(w, union, all, g);
                opt.step(w, g);
            }
        }
        return w;
    }

    private static Dataset concat(List<Dataset> parts) {
        Dataset stacked = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            stacked = Stack.of(stacked, parts.get(i));
        }
        return stacked;
    }
}
