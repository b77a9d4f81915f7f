package dev.cumulus.engine.lambdaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.data.Dataset;
import dev.cumulus.engine.job.InvalidJobException;
import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.protocol.TrainingData;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import dev.cumulus.engine.testing.RedisServerProcess;
import dev.cumulus.model.NewtonOptimum;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Full-batch L-BFGS over the channel reaches the optimum that Newton's method finds on one machine
 * ({@link NewtonOptimum}), with every worker ending on the same parameters bit for bit, on the
 * memory channel and on a real Redis, through both collectives.
 */
class LbfgsTrainingTest {
    private static final String LOGISTIC = """
            dataset: { source: higgs-like, rows: 4000 }
            model: { type: logistic, l2: 0.001 }
            """;
    private static final String SOFTMAX = """
            dataset: { source: blobs, rows: 3000, classes: 3, features: 4 }
            model: { type: softmax, l2: 0.01 }
            """;
    private static final String RUN = """
            algorithm: { type: lbfgs, epochs: 100 }
            workers: 3
            platform: { coldStartMillis: 0 }
            seed: 7
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

    private static RunResult train(String yaml, String... overrides) {
        return new Driver(line -> { }).run(Protocols.read(yaml, "job.yaml", List.of(overrides)));
    }

    @ParameterizedTest(name = "{0} on {1} through {2}")
    @CsvSource({
            "logistic, memory, allreduce",
            "softmax, memory, scatter-reduce",
            "logistic, redis, scatter-reduce",
            "softmax, redis, allreduce"})
    void reachesWithinATenthOfAPercentOfTheNewtonOptimumWithIdenticalWorkers(String model, String channel,
            String pattern) {
        List<String> overrides = new ArrayList<>(List.of("pattern=" + pattern));
        if (channel.equals("redis")) {
            overrides.add("channel=redis://127.0.0.1:" + redis.port());
        }
        String yaml = (model.equals("softmax") ? SOFTMAX : LOGISTIC) + RUN;
        BoundJob job = Protocols.read(yaml, "job.yaml", overrides);
        RunResult run = new Driver(line -> { }).run(job);

        Dataset train = TrainingData.load(job.spec()).train();
        double optimum = NewtonOptimum.of(train, model, job.spec().model().l2());
        assertThat(run.metrics().get("trainLoss")).as("against Newton's optimum %.8f", optimum)
                .isBetween(optimum * (1 - 1e-5), optimum * 1.001);
        // Each worker wrote its final parameters; the run compared them with the published model.
        assertThat(run.protocolReport()).containsEntry("lbfgsIdenticalWorkers", 3);
        // The iterations' losses fall: every accepted step met the sufficient-decrease condition.
        List<Double> losses = run.curve().stream().map(EpochRecord::trainLoss).toList();
        for (int i = 1; i < losses.size(); i++) {
            assertThat(losses.get(i)).as("iteration %d", i + 1).isLessThan(losses.get(i - 1));
        }
    }

    @Test
    void stopsAtTheFirstIterationWhoseLossReachesTheTarget() {
        RunResult full = train(LOGISTIC + RUN);
        List<Double> losses = full.curve().stream().map(EpochRecord::trainLoss).toList();
        double target = (losses.get(2) + losses.get(3)) / 2;

        RunResult early = train(LOGISTIC + RUN, "algorithm.targetLoss=" + target);

        assertThat(early.curve()).hasSize(4);
        assertThat(early.curve().get(3).trainLoss()).isLessThanOrEqualTo(target);
        assertThat(early.curve().get(2).trainLoss()).isGreaterThan(target);
        assertThat(losses.size()).isGreaterThan(4);
    }

    @Test
    void anInjectedFailureAndShortTimeLimitsEndWithTheModelOfAnUndisturbedRun() {
        String yaml = LOGISTIC + RUN.replace("epochs: 100", "epochs: 30");
        RunResult undisturbed = train(yaml);
        RunResult failed = train(yaml, "stragglers.fail=[1]", "stragglers.failRound=5");
        // 250 ms a step against a 2 s limit: a hand-over every eight rounds however fast the machine is.
        RunResult limited = train(yaml, "platform.timeoutSeconds=2", "stragglers.delay=shifted-exponential:250,0.01");

        assertThat(failed.parameters()).isEqualTo(undisturbed.parameters());
        assertThat(failed.curve()).map(EpochRecord::trainLoss)
                .isEqualTo(undisturbed.curve().stream().map(EpochRecord::trainLoss).toList());
        assertThat(((Number) limited.cost().get("invocations")).longValue()).as("successors invoked").isGreaterThan(3);
        assertThat(limited.parameters()).isEqualTo(undisturbed.parameters());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"svm, hinge loss has a kink", "mlp, ReLU units have kinks"})
    void refusesAModelWithoutASmoothObjectiveNamingTheKey(String model, String why) {
        String yaml = LOGISTIC.replace("type: logistic", "type: " + model + (model.equals("mlp") ? ", hidden: [4]" : ""))
                + RUN;
        assertThatThrownBy(() -> Protocols.read(yaml, "job.yaml", List.of()))
                .isInstanceOf(InvalidJobException.class)
                .hasMessageContaining("algorithm.type")
                .hasMessageContaining("model.type logistic or softmax, not " + model)
                .hasMessageContaining(why);
    }

    @Test
    void warnsThatTheStochasticOptimiserKeysAndBatchSizesDoNotApply() {
        List<String> warnings = Protocols.read(LOGISTIC + RUN, "job.yaml",
                List.of("algorithm.learningRate=0.5", "algorithm.batchSize=64")).warnings();
        assertThat(warnings).anyMatch(w -> w.contains("algorithm.learningRate is ignored"))
                .anyMatch(w -> w.contains("algorithm.batchSize is ignored"));
        // Full-batch steps: no warning that the (unused) global batch is large for 3,200 rows.
        List<String> log = new ArrayList<>();
        new Driver(log::add).run(Protocols.read(LOGISTIC + RUN.replace("epochs: 100", "epochs: 1"), "job.yaml", List.of()));
        assertThat(log).noneMatch(line -> line.contains("global batch"));
    }
}
