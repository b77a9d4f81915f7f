package dev.cumulus.sim.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.sim.cost.JobShape.Pattern;
import dev.cumulus.sim.cost.JobShape.Sync;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class CostModelPropertiesTest {
    private static final CostModel MODEL = new CostModel(ModelParameters.defaults(), Prices.defaults("c5.large"));

    @Property(tries = 300)
    void wallIsItsPartsAndEveryPartAndChargeIsNonNegative(@ForAll @LongRange(min = 1_000, max = 5_000_000) long rows,
            @ForAll @IntRange(min = 1, max = 2_000_000) int vectorFloats, @ForAll @IntRange(min = 1, max = 1_000) int workers,
            @ForAll Pattern pattern, @ForAll Sync sync, @ForAll Store store, @ForAll boolean vms) {
        workers = (int) Math.min(workers, rows);
        JobShape job = new JobShape(rows, 116, vectorFloats, vectorFloats, 256, 3, false, pattern, sync, 2048, 900);
        Prediction p = MODEL.predict(job, vms ? Deployment.vms(workers) : Deployment.functions(workers, store));
        assertThat(p.wallSeconds()).isCloseTo(p.driverSeconds() + p.startupSeconds() + p.loadSeconds()
                + p.computeSeconds() + p.communicationSeconds(), within(1e-9 * p.wallSeconds()));
        for (double part : new double[] {p.driverSeconds(), p.startupSeconds(), p.loadSeconds(), p.computeSeconds(),
                p.communicationSeconds(), p.platformUsd(), p.storeUsd()}) {
            assertThat(part).isFinite().isGreaterThanOrEqualTo(0);
        }
        assertThat(p.rounds()).isEqualTo(job.rounds(workers));
    }

    @Property(tries = 300)
    void scatterReduceMovesLessPerWorkerThanAllReduceAndNeverTwoVectors(
            @ForAll @IntRange(min = 2, max = 10_000) int workers, @ForAll @IntRange(min = 1, max = 10_000_000) int bytes) {
        double scatter = RoundTraffic.criticalBytes(Pattern.SCATTER_REDUCE, workers, bytes);
        assertThat(scatter).isLessThan(2.0 * bytes);
        assertThat(scatter).isLessThanOrEqualTo(RoundTraffic.criticalBytes(Pattern.ALLREDUCE, workers, bytes));
    }

    @Property(tries = 200)
    void onACloudPlatformMoreWorkersNeverComputeMoreEach(@ForAll @IntRange(min = 1, max = 4_999) int workers,
            @ForAll Sync sync) {
        JobShape job = new JobShape(1_000_000, 116, 31, 58, 128, 2, false, Pattern.ALLREDUCE, sync, 1024, 900);
        double fewer = MODEL.predict(job, Deployment.functions(workers, Store.S3)).computeSeconds();
        double more = MODEL.predict(job, Deployment.functions(workers + 1, Store.S3)).computeSeconds();
        assertThat(more).isLessThanOrEqualTo(fewer * (1 + 1e-9));
    }
}
