package dev.cumulus.sim.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.engine.protocol.BatchSchedule;
import dev.cumulus.sim.cost.JobShape.Pattern;
import dev.cumulus.sim.cost.JobShape.Sync;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CostModelTest {
    static JobShape shape(Pattern pattern, Sync sync) {
        return new JobShape(20_000, 116, 31, 58, 128, 2, false, pattern, sync, 1024, 900);
    }

    private final CostModel model = new CostModel(ModelParameters.defaults(), Prices.defaults("c5.large"));

    @Test
    void roundsMatchTheEnginesBatchSchedule() {
        JobShape job = shape(Pattern.ALLREDUCE, Sync.BSP);
        for (int n : new int[] {1, 2, 3, 7, 8, 100, 157}) {
            BatchSchedule schedule = new BatchSchedule(1, 0, (int) job.maxChunkRows(n), (int) job.minChunkRows(n),
                    job.batchSize());
            assertThat(job.stepsPerEpoch(n)).as("workers=%d", n).isEqualTo(schedule.stepsPerEpoch());
        }
    }

    @Test
    void allReduceMovesTwoNMinusOneVectorsThroughTheReducerAndScatterReduceLessThanTwo() {
        double d = 4e6;
        for (int n : new int[] {2, 4, 16, 64}) {
            assertThat(RoundTraffic.criticalBytes(Pattern.ALLREDUCE, n, d)).isEqualTo(2.0 * (n - 1) * d);
            assertThat(RoundTraffic.criticalBytes(Pattern.SCATTER_REDUCE, n, d)).isEqualTo(2.0 * (n - 1) / n * d)
                    .isLessThan(2 * d);
        }
        assertThat(RoundTraffic.collectiveSeconds(Pattern.ALLREDUCE, 1, d, ChannelParameters.defaults().get(Store.S3)))
                .isZero();
    }

    @Test
    void theStoresAggregateLimitsBoundARoundInsteadOfAddingToItsLatencies() {
        ChannelParameters s3 = ChannelParameters.defaults().get(Store.S3);
        double d = 4e3; // 1,000 floats: one part per worker
        int n = 10_000;
        double path = (3 + Math.ceil((n - 1) / 32.0)) * s3.latencySeconds() + 2.0 * (n - 1) * d / s3.bytesPerSecond();
        double served = (n + 2.0 * (n - 1)) / s3.aggregateRequestsPerSecond(); // every put, and the gets of the sum
        assertThat(RoundTraffic.collectiveSeconds(Pattern.ALLREDUCE, n, d, s3))
                .isCloseTo(Math.max(path, served), within(1e-9)).isLessThan(path + served);
        // A store that serves 100 requests a second: 8 workers' 22 requests take 0.22 s, their latencies 4 ms.
        ChannelParameters slow = new ChannelParameters(1e-3, 75e6, Double.POSITIVE_INFINITY, 32, 100);
        assertThat(RoundTraffic.collectiveSeconds(Pattern.ALLREDUCE, 8, d, slow)).isCloseTo(0.22, within(1e-12));
    }

    @Test
    void scatterReduceBeatsAllReduceForLargeVectorsAndLosesForSmallOnes() {
        ChannelParameters redis = ChannelParameters.defaults().get(Store.REDIS);
        double large = RoundTraffic.collectiveSeconds(Pattern.ALLREDUCE, 16, 40e6, redis);
        double largeScatter = RoundTraffic.collectiveSeconds(Pattern.SCATTER_REDUCE, 16, 40e6, redis);
        double small = RoundTraffic.collectiveSeconds(Pattern.ALLREDUCE, 16, 1e3, redis);
        double smallScatter = RoundTraffic.collectiveSeconds(Pattern.SCATTER_REDUCE, 16, 1e3, redis);
        assertThat(largeScatter).isLessThan(large);
        assertThat(smallScatter).isGreaterThan(small);
    }

    @Test
    void wallIsTheSumOfItsPartsAndMoreWorkersComputeLessEach() {
        JobShape job = shape(Pattern.ALLREDUCE, Sync.BSP);
        Prediction one = model.predict(job, Deployment.functions(1, Store.REDIS));
        Prediction eight = model.predict(job, Deployment.functions(8, Store.REDIS));
        assertThat(one.wallSeconds()).isCloseTo(one.driverSeconds() + one.startupSeconds() + one.loadSeconds()
                + one.computeSeconds() + one.communicationSeconds(), within(1e-12));
        assertThat(eight.computeSeconds()).isCloseTo(one.computeSeconds() / 8, within(one.computeSeconds() * 0.01));
        assertThat(eight.rounds()).isEqualTo(2 * 20); // ceil(2500 / 128) = 20 steps per epoch
    }

    @Test
    void vmsPayForTheirBootAndFunctionsPayPerGigabyteSecond() {
        JobShape job = shape(Pattern.ALLREDUCE, Sync.BSP);
        Prices prices = Prices.defaults("c5.large");
        Prediction vms = model.predict(job, Deployment.vms(4));
        assertThat(vms.startupSeconds()).isEqualTo(VmParameters.ec2().bootSeconds());
        assertThat(vms.platformUsd()).isCloseTo(4 * prices.ec2().costUsd(
                java.time.Duration.ofNanos((long) Math.ceil(vms.workerSeconds() * 1e9))), within(1e-12));
        Prediction functions = model.predict(job, Deployment.functions(4, Store.S3));
        double gbSeconds = 4 * 1024 / 1024.0 * functions.workerSeconds();
        assertThat(functions.platformUsd()).isCloseTo(gbSeconds * prices.lambda().usdPerGbSecond()
                + 4 * prices.lambda().usdPerRequest(), within(1e-12));
    }

    @Test
    void s3ChargesEveryRequestAndElastiCacheWholeNodeHours() {
        JobShape job = shape(Pattern.ALLREDUCE, Sync.BSP);
        StorePrices p = StorePrices.defaults();
        Prediction s3 = model.predict(job, Deployment.functions(4, Store.S3));
        CostModel.Counts c = CostModel.counts(job, 4, s3.rounds());
        // Per round: 4 puts (3 inputs, the sum), 6 gets (3 by the reducer, 3 of the sum), a checkpoint put.
        assertThat(c.puts).isEqualTo(4 + s3.rounds() * 5 + 1);
        assertThat(c.gets).isEqualTo(4 + s3.rounds() * 6 + 1);
        assertThat(s3.storeUsd()).isCloseTo(c.puts * p.s3UsdPerPut() + c.gets * p.s3UsdPerGet(), within(1e-15));
        Prediction redis = model.predict(job, Deployment.functions(4, Store.REDIS));
        assertThat(redis.storeUsd()).isEqualTo(p.elastiCacheUsdPerNodeHour());
        assertThat(model.predict(job, Deployment.functions(4, Store.MEMORY)).storeUsd()).isZero();
    }

    @Test
    void paretoFrontKeepsOnlyWhatNothingBeatsOnBothAxes() {
        JobShape job = shape(Pattern.ALLREDUCE, Sync.BSP);
        List<Prediction> all = model.sweep(job, List.of(1, 2, 4, 8, 16), List.of(Store.S3, Store.REDIS), true);
        List<Prediction> front = ParetoFront.of(all);
        assertThat(front).contains(ParetoFront.cheapest(all), ParetoFront.fastest(all));
        for (Prediction p : front) {
            assertThat(all).noneMatch(q -> q.wallSeconds() < p.wallSeconds() && q.totalUsd() < p.totalUsd());
        }
        for (Prediction p : all) {
            if (!front.contains(p)) {
                assertThat(all).anyMatch(q -> q.wallSeconds() <= p.wallSeconds() && q.totalUsd() <= p.totalUsd());
            }
        }
    }

    @Test
    void badParametersAreRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> new ChannelParameters(-1e-3, 1e6, 1e9, 4, 1e5))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("latencySeconds")
                .extracting(e -> ((InvalidParameterException) e).field()).isEqualTo("latencySeconds");
        assertThatThrownBy(() -> new ChannelParameters(1e-3, Double.NaN, 1e9, 4, 1e5))
                .hasMessageContaining("bytesPerSecond");
        assertThatThrownBy(() -> new FunctionParameters(-1, 10, 10, 0, 0)).hasMessageContaining("coldStartSeconds");
        assertThatThrownBy(() -> new VmParameters(60, 1e-4, 0, 1e6)).hasMessageContaining("vms.bytesPerSecond");
        assertThatThrownBy(() -> ModelParameters.defaults().withCompute(-2e-6, 0, 1e9))
                .hasMessageContaining("computeSecondsPerRow");
    }

    @Test
    void badPricesAreRefusedWithTheKeyNamed() {
        Properties negative = new Properties();
        negative.setProperty("s3.usdPerThousandPuts", "-0.005");
        assertThatThrownBy(() -> StorePrices.from(negative, "prices.properties"))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("s3.usdPerThousandPuts")
                .hasMessageContaining("prices.properties");
        Properties text = new Properties();
        text.setProperty("dynamodb.usdPerMillionReadUnits", "cheap");
        assertThatThrownBy(() -> StorePrices.from(text, "prices.properties"))
                .hasMessageContaining("dynamodb.usdPerMillionReadUnits").hasMessageContaining("'cheap'");
        Properties nodes = new Properties();
        nodes.setProperty("elasticache.nodes", "0.5");
        assertThatThrownBy(() -> StorePrices.from(nodes, "p")).hasMessageContaining("elasticache.nodes");
        assertThatThrownBy(() -> Check.parse("lambda.x86_64.usdPerGbSecond", null, "p"))
                .hasMessageContaining("Missing lambda.x86_64.usdPerGbSecond");
    }
}
