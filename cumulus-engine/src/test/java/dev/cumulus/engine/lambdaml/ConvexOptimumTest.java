package dev.cumulus.engine.lambdaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.data.Dataset;
import dev.cumulus.engine.protocol.TrainingData;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import dev.cumulus.model.Model;
import dev.cumulus.model.Models;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MA-SGD and ADMM reach the optimum of a strongly convex problem (L2-regularised logistic
 * regression and SVM): their final training objective is within 1% of the single-machine optimum,
 * found here independently by many full-batch gradient steps with a backtracking line search (for
 * the SVM's hinge, which has kinks, that search gives an upper bound of the optimum, so the check is
 * no stricter than it says).
 */
class ConvexOptimumTest {
    private static final String DATA = "dataset: { source: higgs-like, rows: 5000 }\nseed: 3\n";

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "ma-sgd | logistic | algorithm: { type: ma-sgd, optimizer: adam, learningRate: 0.01, batchSize: 64, epochs: 12, localSteps: 8, schedule: cosine }",
            "admm   | logistic | algorithm: { type: admm, optimizer: adam, learningRate: 0.02, batchSize: 2000, epochs: 40, localSteps: 20, rho: 1 }",
            "admm   | svm      | algorithm: { type: admm, optimizer: adam, learningRate: 0.02, batchSize: 2000, epochs: 40, localSteps: 20, rho: 1 }"})
    void reachesWithinOnePercentOfTheOptimum(String algorithm, String model, String section) {
        BoundJob job = Protocols.read(DATA + "model: { type: " + model + ", l2: 0.01 }\n" + section + "\nworkers: 4\n",
                "job.yaml", List.of());
        RunResult run = new Driver(line -> { }).run(job);
        // The optimum of the problem the workers solve: on the standardised training set.
        Dataset train = TrainingData.load(job.spec()).train();
        double optimum = optimum(Models.create(job.spec().model(), train.cols(), train.numClasses()), train);
        assertThat(run.metrics().get("trainLoss")).as("%s on %s against the optimum %.6f", algorithm, model, optimum)
                .isLessThanOrEqualTo(optimum * 1.01);
    }

    /** Full-batch gradient descent with Armijo backtracking, from zero, until the steps stop paying. */
    static double optimum(Model model, Dataset data) {
        int[] all = IntStream.range(0, data.rows()).toArray();
        float[] w = new float[model.parameterCount()];
        float[] g = new float[w.length];
        float[] trial = new float[w.length];
        double loss = model.lossAndGradient(w, data, all, g);
        double step = 1;
        for (int it = 0; it < 3000; it++) {
            double gg = 0;
            for (float v : g) {
                gg += (double) v * v;
            }
            if (gg < 1e-14) {
                break;
            }
            while (true) {
                for (int i = 0; i < w.length; i++) {
                    trial[i] = (float) (w[i] - step * g[i]);
                }
                double trialLoss = model.loss(trial, data);
                if (trialLoss <= loss - 0.5 * step * gg || step < 1e-8) {
                    break;
                }
                step /= 2;
            }
            System.arraycopy(trial, 0, w, 0, w.length);
            loss = model.lossAndGradient(w, data, all, g);
            step *= 2;
        }
        return loss;
    }
}
