package dev.cumulus.sim.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.engine.protocol.BatchSchedule;
import dev.cumulus.runtime.billing.PriceTable;
import dev.cumulus.sim.cost.JobShape.Algorithm;
import dev.cumulus.sim.cost.JobShape.Pattern;
import dev.cumulus.sim.cost.JobShape.Sync;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** MA-SGD, ADMM and the parameter server in the cost model, each against GA-SGD or a count by hand. */
class AlgorithmCostTest {
    private static final long ROWS = 20_000;
    private static final int BATCH = 128;
    private static final long P = 29; // parameters: a logistic regression on 28 features

    private static JobShape job(Algorithm algorithm, int localSteps, Pattern pattern, Sync sync) {
        long message = pattern == Pattern.PARAMETER_SERVER ? P : P + 2;
        long checkpoint = algorithm == Algorithm.ADMM ? 4 * P : 2 * P; // momentum: one copy of state
        return new JobShape(ROWS, 116, message, checkpoint, BATCH, 3, algorithm, localSteps, pattern, sync, 1024, 900,
                "m5.large");
    }

    private final CostModel model = new CostModel(ModelParameters.defaults(), Prices.defaults("c5.large"));

    private static long steps(int workers) {
        int chunk = (int) (ROWS / workers);
        return new BatchSchedule(1, 0, chunk, chunk, BATCH).stepsPerEpoch();
    }

    @Test
    void maSgdExchangesOnceEveryLocalStepsAndComputesAsMuchAsGaSgd() {
        JobShape ga = job(Algorithm.GA_SGD, 0, Pattern.ALLREDUCE, Sync.BSP);
        for (int n : new int[] {1, 2, 4, 8}) {
            for (int local : new int[] {1, 7, 10, 1_000}) {
                JobShape ma = job(Algorithm.MA_SGD, local, Pattern.ALLREDUCE, Sync.BSP);
                long perEpoch = (steps(n) + Math.min(local, steps(n)) - 1) / Math.min(local, steps(n));
                assertThat(ma.rounds(n)).as("n=%d local=%d", n, local).isEqualTo(3 * perEpoch);
                Deployment d = Deployment.functions(n, Store.S3);
                // Every row of every epoch is computed, whatever the exchanges.
                assertThat(model.predict(ma, d).computeSeconds())
                        .isCloseTo(model.predict(ga, d).computeSeconds(), within(1e-9));
            }
            // 0 local steps: one exchange per epoch.
            assertThat(job(Algorithm.MA_SGD, 0, Pattern.ALLREDUCE, Sync.BSP).rounds(n)).isEqualTo(3);
        }
    }

    @Test
    void maSgdWithOneLocalStepPaysGaSgdsRoundsPlusEveryWorkersOwnCheckpoint() {
        JobShape ga = job(Algorithm.GA_SGD, 0, Pattern.ALLREDUCE, Sync.BSP);
        JobShape ma = job(Algorithm.MA_SGD, 1, Pattern.ALLREDUCE, Sync.BSP);
        Deployment d = Deployment.functions(4, Store.S3);
        assertThat(ma.rounds(4)).isEqualTo(ga.rounds(4));
        // Same collective and one checkpoint put on the critical path in both (rank 0's, or everyone's at once).
        assertThat(model.communicationSecondsPerRound(ma, d)).isCloseTo(model.communicationSecondsPerRound(ga, d),
                within(1e-12));
        // ... but S3 is paid for four checkpoints a round instead of one.
        CostModel.Counts gaCounts = CostModel.counts(ga, 4, ga.rounds(4));
        CostModel.Counts maCounts = CostModel.counts(ma, 4, ma.rounds(4));
        assertThat(maCounts.puts - gaCounts.puts).isEqualTo(3.0 * ga.rounds(4));
        assertThat(maCounts.gets).isEqualTo(gaCounts.gets);
    }

    @Test
    void admmTakesOneRoundPerIterationWithItsLocalStepsAndALossPassOverTheChunk() {
        JobShape admm = job(Algorithm.ADMM, 5, Pattern.ALLREDUCE, Sync.BSP);
        double kappa = ModelParameters.defaults().computeSecondsPerRow();
        for (int n : new int[] {1, 2, 4}) {
            assertThat(admm.rounds(n)).isEqualTo(3);
            long chunk = ROWS / n;
            double rowsPerStep = (double) chunk / steps(n);
            Deployment d = Deployment.functions(n, Store.REDIS);
            double slowdown = 1769.0 / 1024; // a 1,024 MB function has 1,024/1,769 of a core
            assertThat(model.computeSecondsPerRound(admm, d))
                    .isCloseTo((5 * rowsPerStep + 0.5 * chunk) * kappa * slowdown, within(1e-12));
        }
        // 0 local steps: a whole epoch of the chunk each iteration.
        JobShape epoch = job(Algorithm.ADMM, 0, Pattern.ALLREDUCE, Sync.BSP);
        assertThat(epoch.stepsPerRound(2)).isEqualTo(steps(2));
    }

    @Test
    void theParameterServerCostsAPullAndAPushPerStepAndItsInstanceForTheWholeJob() {
        JobShape ps = job(Algorithm.GA_SGD, 0, Pattern.PARAMETER_SERVER, Sync.BSP);
        JobShape ga = job(Algorithm.GA_SGD, 0, Pattern.ALLREDUCE, Sync.BSP);
        ChannelParameters server = ModelParameters.defaults().parameterServer();
        Deployment four = Deployment.functions(4, Store.S3);
        assertThat(ps.rounds(4)).isEqualTo(ga.rounds(4));
        double bytes = 4.0 * P;
        // Four workers: each call's own bytes, or the four workers' calls against the server's call rate.
        assertThat(model.communicationSecondsPerRound(ps, four)).isCloseTo(2 * server.latencySeconds()
                + Math.max(2 * bytes / server.bytesPerSecond(), 4 * 2.0 / server.aggregateRequestsPerSecond()),
                within(1e-15));
        // A large model on one worker: its own bytes bind.
        JobShape large = new JobShape(ROWS, 116, 10_000_000, 0, BATCH, 3, Algorithm.GA_SGD, 0,
                Pattern.PARAMETER_SERVER, Sync.BSP, 1024, 900, "m5.large");
        assertThat(model.communicationSecondsPerRound(large, Deployment.functions(1, Store.S3)))
                .isCloseTo(2 * server.latencySeconds() + 2 * 4e7 / server.bytesPerSecond(), within(1e-12));
        // Ten thousand workers saturate the server: its network or its call rate, whichever binds first.
        Deployment many = Deployment.functions(10_000, Store.S3);
        double saturated = 2 * server.latencySeconds() + Math.max(10_000 * 2 * bytes / server.aggregateBytesPerSecond(),
                10_000 * 2.0 / server.aggregateRequestsPerSecond());
        assertThat(model.communicationSecondsPerRound(ps, many)).isCloseTo(saturated, within(1e-12));

        Prediction p = model.predict(ps, four);
        double hourly = PriceTable.defaults().ec2("m5.large").usdPerHour();
        assertThat(p.serverUsd()).isCloseTo(hourly * Math.max(60, Math.ceil(p.wallSeconds())) / 3600, within(1e-12))
                .isEqualTo(PriceTable.defaults().ec2("m5.large").costUsd(
                        Duration.ofNanos((long) Math.ceil(p.wallSeconds() * 1e9))));
        assertThat(p.totalUsd()).isEqualTo(p.platformUsd() + p.storeUsd() + p.serverUsd());
        assertThat(model.predict(ga, four).serverUsd()).isZero();
        assertThat(model.predict(ps, Deployment.vms(4)).serverUsd()).isZero();
        // The store carries no rounds: S3's requests do not grow with the number of steps.
        CostModel.Counts few = CostModel.counts(ps, 4, 10);
        CostModel.Counts many10 = CostModel.counts(ps, 4, 10_000);
        assertThat(many10.puts).isEqualTo(few.puts);
    }

    @Test
    void aParameterServerOnlyAveragesGradients() {
        assertThatThrownBy(() -> job(Algorithm.MA_SGD, 1, Pattern.PARAMETER_SERVER, Sync.BSP))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("parameter server");
        assertThatThrownBy(() -> job(Algorithm.ADMM, -1, Pattern.ALLREDUCE, Sync.BSP))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("localSteps");
    }

    @Test
    void theServersParametersAreSetByHandAndBadOnesRefusedByKey() {
        Properties p = new Properties();
        p.setProperty("ps.latencySeconds", "0.004");
        p.setProperty("ps.aggregateRequestsPerSecond", "inf");
        ModelParameters set = ParameterOverrides.apply(ModelParameters.defaults(), p, "f");
        assertThat(set.parameterServer().latencySeconds()).isEqualTo(0.004);
        assertThat(set.parameterServer().aggregateRequestsPerSecond()).isInfinite();
        for (String[] bad : new String[][] {{"ps.latencySeconds", "-1"}, {"ps.bytesPerSecond", "fast"},
                {"ps.requestsInFlight", "0"}, {"ps.aggregateBytesPerSecond", ""}}) {
            Properties q = new Properties();
            q.setProperty(bad[0], bad[1]);
            assertThatThrownBy(() -> ParameterOverrides.apply(ModelParameters.defaults(), q, "params.properties"))
                    .as(bad[0]).isInstanceOf(InvalidParameterException.class).hasMessageContaining(bad[0])
                    .hasMessageContaining("params.properties")
                    .extracting(e -> ((InvalidParameterException) e).field()).isEqualTo(bad[0]);
        }
    }

    @Test
    void anInstanceTypeThePriceTableLacksIsRefusedByItsKey() {
        assertThatThrownBy(() -> Prices.defaults("c5.large").server("z9.huge"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("z9.huge")
                .extracting(e -> ((InvalidParameterException) e).field()).isEqualTo("ec2.z9.huge.usdPerHour");
    }
}
