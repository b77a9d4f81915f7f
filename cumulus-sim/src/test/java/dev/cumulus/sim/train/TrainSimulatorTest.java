package dev.cumulus.sim.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.sim.cost.CostModel;
import dev.cumulus.sim.cost.Deployment;
import dev.cumulus.sim.cost.JobShape;
import dev.cumulus.sim.cost.JobShape.Pattern;
import dev.cumulus.sim.cost.JobShape.Sync;
import dev.cumulus.sim.cost.ModelParameters;
import dev.cumulus.sim.cost.Prediction;
import dev.cumulus.sim.cost.Prices;
import dev.cumulus.sim.cost.Store;
import dev.cumulus.sim.straggler.ChunkTimeDistribution;
import dev.cumulus.sim.straggler.StragglerModel;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainSimulatorTest {
    private static final CostModel MODEL = new CostModel(ModelParameters.defaults(), Prices.defaults("c5.large"));

    private static JobShape shape(Pattern pattern, Sync sync) {
        return new JobShape(20_000, 116, 31, 58, 128, 2, false, pattern, sync, 1024, 900);
    }

    @Test
    void withoutVariationTheEventSimulationIsTheClosedFormExactly() {
        for (Sync sync : Sync.values()) {
            for (Pattern pattern : Pattern.values()) {
                for (Store store : new Store[] {Store.S3, Store.REDIS, Store.MEMORY}) {
                    for (int n : new int[] {1, 2, 3, 5, 8}) {
                        JobShape job = shape(pattern, sync);
                        Deployment d = Deployment.functions(n, store);
                        Prediction closed = MODEL.predict(job, d);
                        TrainReport sim = new TrainSimulator(TrainScenario.ofJob(job, d, MODEL, Optional.empty(), 0, 1))
                                .run();
                        String what = sync + " " + pattern + " " + store + " N=" + n;
                        assertThat(sim.wallSeconds()).as(what).isCloseTo(closed.wallSeconds(),
                                within(1e-9 * closed.wallSeconds()));
                        assertThat(sim.totalUsd()).as(what).isCloseTo(closed.totalUsd(), within(1e-9));
                        assertThat(sim.meanWaitSeconds()).as(what).isCloseTo(0, within(1e-12));
                    }
                }
            }
        }
    }

    @Test
    void bspRoundsMatchABruteForceLoopDrawForDraw() {
        JobShape job = shape(Pattern.ALLREDUCE, Sync.BSP);
        Deployment d = Deployment.functions(7, Store.REDIS);
        ChunkTimeDistribution exp = new ChunkTimeDistribution.Exponential(2);
        TrainReport sim = new TrainSimulator(new TrainScenario(job, d, MODEL,
                Optional.of(StragglerModel.of(exp)), 50, 0, 9)).run();

        double compute = MODEL.computeSecondsPerRound(job, d);
        double communication = MODEL.communicationSecondsPerRound(job, d);
        SplittableRandom random = new SplittableRandom(9);
        double t = 0;
        for (int round = 0; round < 50; round++) {
            double slowest = 0;
            for (int j = 0; j < 7; j++) {
                slowest = Math.max(slowest, compute * exp.sample(random) / exp.mean());
            }
            t += slowest + communication;
        }
        assertThat(sim.trainingSeconds() - MODEL.publishSeconds(job, d)).isCloseTo(t, within(1e-12));
    }

    @Test
    void bspWaitsForTheExpectedMaximumOfTheWorkersDraws() {
        JobShape job = shape(Pattern.ALLREDUCE, Sync.BSP);
        for (String spec : new String[] {"exp:1", "shifted-exp:1,0.5", "pareto:1,3"}) {
            for (int n : new int[] {2, 5, 20}) {
                TrainReport sim = new TrainSimulator(new TrainScenario(job, Deployment.functions(n, Store.REDIS), MODEL,
                        Optional.of(StragglerModel.of(ChunkTimeDistribution.parse(spec))), 20_000, 0, 3)).run();
                assertThat(sim.trainingSeconds()).as("%s N=%d", spec, n)
                        .isCloseTo(sim.closedFormTrainingSeconds(), within(0.02 * sim.closedFormTrainingSeconds()));
            }
        }
    }

    @Test
    void aspDoesNotWaitAndEndsNearTheMeanPace() {
        JobShape job = shape(Pattern.ALLREDUCE, Sync.ASP);
        TrainReport sim = new TrainSimulator(new TrainScenario(job, Deployment.functions(8, Store.REDIS), MODEL,
                Optional.of(StragglerModel.of(ChunkTimeDistribution.parse("exp:1"))), 20_000, 0, 5)).run();
        assertThat(sim.meanWaitSeconds()).isZero();
        // The slowest of 8 random walks of 20,000 steps is a few standard deviations above the mean pace.
        assertThat(sim.trainingSeconds()).isCloseTo(sim.closedFormTrainingSeconds(),
                within(0.03 * sim.closedFormTrainingSeconds()));
        TrainReport bsp = new TrainSimulator(new TrainScenario(shape(Pattern.ALLREDUCE, Sync.BSP),
                Deployment.functions(8, Store.REDIS), MODEL,
                Optional.of(StragglerModel.of(ChunkTimeDistribution.parse("exp:1"))), 20_000, 0, 5)).run();
        assertThat(bsp.trainingSeconds()).isGreaterThan(sim.trainingSeconds());
    }

    @Test
    void aFailedWorkerHoldsUpItsRoundByTheRestartUnderBsp() {
        JobShape job = shape(Pattern.ALLREDUCE, Sync.BSP);
        Deployment d = Deployment.functions(10, Store.REDIS);
        StragglerModel oneFails = new StragglerModel(new ChunkTimeDistribution.ShiftedExponential(1, 1e-9),
                Optional.empty(), 0, 1, 0.1);
        TrainReport failed = new TrainSimulator(new TrainScenario(job, d, MODEL, Optional.of(oneFails), 40, 5.0, 1))
                .run();
        TrainReport healthy = new TrainSimulator(new TrainScenario(job, d, MODEL, Optional.empty(), 40, 5.0, 1)).run();
        assertThat(failed.restarts()).isEqualTo(1);
        assertThat(failed.trainingSeconds() - healthy.trainingSeconds()).isCloseTo(5.0, within(1e-3));
    }

    @Test
    void expectedMaximumClosedFormsMatchSampling() {
        SplittableRandom random = new SplittableRandom(11);
        for (String spec : new String[] {"exp:2", "shifted-exp:1,0.5", "pareto:1,3", "pareto:2,2.5"}) {
            ChunkTimeDistribution d = ChunkTimeDistribution.parse(spec);
            for (int n : new int[] {1, 2, 7, 30}) {
                double sum = 0;
                int trials = 100_000;
                for (int t = 0; t < trials; t++) {
                    double max = 0;
                    for (int j = 0; j < n; j++) {
                        max = Math.max(max, d.sample(random));
                    }
                    sum += max;
                }
                assertThat(sum / trials).as("%s n=%d", spec, n).isCloseTo(ExpectedMaximum.of(d, n),
                        within(0.02 * ExpectedMaximum.of(d, n)));
            }
        }
        assertThat(ExpectedMaximum.harmonic(5_000)).isCloseTo(sumHarmonic(5_000), within(1e-12));
        assertThat(ExpectedMaximum.logGamma(10)).isCloseTo(Math.log(362_880), within(1e-12));
    }

    private static double sumHarmonic(int n) {
        double h = 0;
        for (int k = n; k >= 1; k--) {
            h += 1.0 / k;
        }
        return h;
    }
}
