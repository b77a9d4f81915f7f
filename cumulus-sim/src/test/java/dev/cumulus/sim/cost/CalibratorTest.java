package dev.cumulus.sim.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.TimelineEvent;
import dev.cumulus.sim.cost.JobShape.Pattern;
import dev.cumulus.sim.cost.JobShape.Sync;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibratorTest {

    /** A timeline as a BSP run with exactly these parameters would record it. */
    private static RunMeasurements synthetic(JobShape job, int n, double startup, double load, double computeRound,
            double communicationRound, double before, double after) {
        List<TimelineEvent> events = new ArrayList<>();
        long rounds = job.rounds(n);
        double end = 0;
        for (int w = 0; w < n; w++) {
            double t = before;
            events.add(event(w, Phase.STARTUP, t, t += startup, 0));
            events.add(event(w, Phase.LOAD, t, t += load, (long) job.chunkBytes(n)));
            for (long r = 0; r < rounds; r++) {
                events.add(event(w, Phase.COMPUTE, t, t += computeRound, 0));
                events.add(event(w, Phase.COMMUNICATE, t, t += communicationRound, 248));
            }
            end = t;
        }
        return new RunMeasurements("r", events, end + after, job.epochs(), Store.REDIS, "lambda", 0);
    }

    private static TimelineEvent event(int worker, Phase phase, double from, double to, long bytes) {
        return new TimelineEvent(worker, phase, Math.round(from * 1e6), Math.round(to * 1e6), bytes);
    }

    @Test
    void recoversTheParametersATimelineWasMadeWith() {
        JobShape job = CostModelTest.shape(Pattern.ALLREDUCE, Sync.BSP);
        RunMeasurements run = synthetic(job, 2, 0.8, 0.02, 0.004, 0.006, 0.5, 0.3);
        Calibration c = Calibrator.fit(job, run, ModelParameters.defaults());
        double loadBandwidth = job.chunkBytes(2) / 0.02;
        assertThat(c.startupSeconds()).isCloseTo(0.8, within(1e-5));
        assertThat(c.loadBytesPerSecond()).isCloseTo(loadBandwidth, within(loadBandwidth * 1e-3));
        // Per full core: a 1,024 MB function has 1,024/1,769 of one.
        double slowdown = FunctionParameters.awsLambda().computeSlowdown(2, 1024);
        assertThat(c.computeSecondsPerRow()).isCloseTo(0.004 / job.rowsPerRound(2) / slowdown, within(1e-9));
        assertThat(c.measuredCommunicationSecondsPerRound()).isCloseTo(0.006, within(1e-5));

        // Predicting the run it was fitted to gives back its wall time.
        CostModel model = new CostModel(c.applyTo(ModelParameters.defaults(), true), Prices.defaults("c5.large"));
        Prediction same = model.predict(job, Deployment.functions(2, Store.REDIS));
        assertThat(same.wallSeconds()).as("%s from %s", same, c).isCloseTo(run.wallSeconds(), within(run.wallSeconds() * 0.01));
        assertThat(same.computeSeconds() + same.communicationSeconds())
                .isCloseTo(job.rounds(2) * 0.010, within(0.01 * job.rounds(2) * 0.010));
    }

    @Test
    void aLocalRunsRoundsMoveTheirBytesAtTheStoresLoopbackBandwidthNotAtTheLoadsRate() {
        JobShape job = CostModelTest.shape(Pattern.ALLREDUCE, Sync.BSP);
        RunMeasurements onLambda = synthetic(job, 2, 0.8, 0.02, 0.004, 0.006, 0.5, 0.3);
        RunMeasurements onThreads = new RunMeasurements("r", onLambda.events(), onLambda.wallSeconds(), job.epochs(),
                Store.REDIS, "threads", 2);
        double loadRate = job.chunkBytes(2) / 0.02;
        Calibration local = Calibrator.fit(job, onThreads, ModelParameters.defaults());
        assertThat(local.loadBytesPerSecond()).isCloseTo(loadRate, within(loadRate * 1e-3))
                .isLessThan(ChannelParameters.loopbackBytesPerSecond(Store.REDIS));
        assertThat(local.channelBytesPerSecond()).isEqualTo(ChannelParameters.loopbackBytesPerSecond(Store.REDIS));
        // On a cloud platform the loads are the network's: their rate is the store's bandwidth.
        assertThat(Calibrator.fit(job, onLambda, ModelParameters.defaults()).channelBytesPerSecond())
                .isCloseTo(loadRate, within(loadRate * 1e-3));

        // The round's time left after its bytes at 1 GB/s is five latencies (four waves and the checkpoint).
        double bytes = CostModel.criticalBytesPerRound(job, 2);
        assertThat(local.channelLatencySeconds()).isCloseTo((0.006 - bytes / 1e9) / 5, within(1e-12));
        CostModel model = new CostModel(local.applyTo(ModelParameters.defaults(), true), Prices.defaults("c5.large"));
        Prediction same = model.predict(job, Deployment.functions(2, Store.REDIS));
        assertThat(same.wallSeconds()).as("%s from %s", same, local)
                .isCloseTo(onThreads.wallSeconds(), within(onThreads.wallSeconds() * 0.01));
    }

    @Test
    void waitingForPeersCountsAsTheRoundsCommunication() {
        JobShape job = CostModelTest.shape(Pattern.ALLREDUCE, Sync.BSP);
        RunMeasurements whole = synthetic(job, 2, 0.8, 0.02, 0.004, 0.006, 0.5, 0.3);
        // The same run as timelines that split each exchange into moving data (2 ms) and waiting (4 ms) record it.
        List<TimelineEvent> split = new ArrayList<>();
        for (TimelineEvent e : whole.events()) {
            if (e.phase() == Phase.COMMUNICATE) {
                long middle = e.startMicros() + 2_000;
                split.add(new TimelineEvent(e.worker(), Phase.COMMUNICATE, e.startMicros(), middle, e.bytes()));
                split.add(new TimelineEvent(e.worker(), Phase.WAIT, middle, e.endMicros(), 0));
            } else {
                split.add(e);
            }
        }
        RunMeasurements splitRun = new RunMeasurements("r", split, whole.wallSeconds(), job.epochs(), Store.REDIS,
                "lambda", 0);
        Calibration a = Calibrator.fit(job, whole, ModelParameters.defaults());
        Calibration b = Calibrator.fit(job, splitRun, ModelParameters.defaults());
        assertThat(b.measuredCommunicationSecondsPerRound()).isCloseTo(a.measuredCommunicationSecondsPerRound(),
                within(1e-9));
        assertThat(b.channelLatencySeconds()).isCloseTo(a.channelLatencySeconds(), within(1e-12));
    }

    @Test
    void fitsMaSgdAndAdmmRunsAndPredictsThemBack() {
        for (JobShape.Algorithm algorithm : new JobShape.Algorithm[] {JobShape.Algorithm.MA_SGD, JobShape.Algorithm.ADMM}) {
            JobShape job = new JobShape(20_000, 116, 31, 58, 128, 2, algorithm, 10, Pattern.ALLREDUCE, Sync.BSP, 1024,
                    900, "m5.large");
            RunMeasurements run = synthetic(job, 2, 0.8, 0.02, 0.030, 0.006, 0.5, 0.3);
            Calibration c = Calibrator.fit(job, run, ModelParameters.defaults());
            assertThat(c.parameterServer()).isFalse();
            double slowdown = FunctionParameters.awsLambda().computeSlowdown(2, 1024);
            assertThat(c.computeSecondsPerRow()).as("%s", algorithm)
                    .isCloseTo(0.030 / job.rowsPerRound(2) / slowdown, within(1e-9));
            CostModel model = new CostModel(c.applyTo(ModelParameters.defaults(), true), Prices.defaults("c5.large"));
            Prediction same = model.predict(job, Deployment.functions(2, Store.REDIS));
            assertThat(same.wallSeconds()).as("%s: %s from %s", algorithm, same, c)
                    .isCloseTo(run.wallSeconds(), within(run.wallSeconds() * 0.01));
        }
    }

    @Test
    void fitsTheParameterServersLatencyAndKeepsTheStoresForStaging() {
        JobShape job = new JobShape(20_000, 116, 29, 58, 128, 2, JobShape.Algorithm.GA_SGD, 0,
                Pattern.PARAMETER_SERVER, Sync.BSP, 1024, 900, "m5.large");
        RunMeasurements run = synthetic(job, 2, 0.8, 0.02, 0.004, 0.003, 0.5, 0.3);
        Calibration c = Calibrator.fit(job, run, ModelParameters.defaults());
        assertThat(c.parameterServer()).isTrue();
        ChannelParameters server = ModelParameters.defaults().parameterServer();
        // A pull and a push per step: 3 ms is two calls of L plus 2 x 116 bytes at the server's bandwidth, or
        // the two workers' four calls at its call rate, whichever binds.
        double transfer = Math.max(2 * 116.0 / server.bytesPerSecond(), 4.0 / server.aggregateRequestsPerSecond());
        assertThat(c.serverLatencySeconds()).isCloseTo((0.003 - transfer) / 2, within(1e-9));
        assertThat(c.channelLatencySeconds()).isEqualTo(ModelParameters.defaults().channel(Store.REDIS).latencySeconds());
        ModelParameters applied = c.applyTo(ModelParameters.defaults(), true);
        assertThat(applied.parameterServer().latencySeconds()).isEqualTo(c.serverLatencySeconds());
        Prediction same = new CostModel(applied, Prices.defaults("c5.large")).predict(job,
                Deployment.functions(2, Store.REDIS));
        assertThat(same.wallSeconds()).as("%s from %s", same, c).isCloseTo(run.wallSeconds(),
                within(run.wallSeconds() * 0.01));
    }

    @Test
    void theMedianOfRepeatsTakesEachFieldsMiddleValueAndRefusesDifferentRuns() {
        JobShape job = CostModelTest.shape(Pattern.ALLREDUCE, Sync.BSP);
        Calibration a = Calibrator.fit(job, synthetic(job, 2, 0.8, 0.02, 0.004, 0.006, 0.5, 0.3), ModelParameters.defaults());
        Calibration b = Calibrator.fit(job, synthetic(job, 2, 3.0, 0.01, 0.005, 0.009, 0.4, 0.2), ModelParameters.defaults());
        Calibration c = Calibrator.fit(job, synthetic(job, 2, 0.7, 0.03, 0.020, 0.007, 0.6, 0.9), ModelParameters.defaults());
        Calibration m = Calibration.median(List.of(a, b, c));
        assertThat(m.startupSeconds()).isEqualTo(a.startupSeconds()); // 0.7, 0.8, 3.0: the one slow start-up is out
        assertThat(m.computeSecondsPerRow()).isEqualTo(b.computeSecondsPerRow());
        assertThat(m.channelLatencySeconds()).isEqualTo(List.of(a, b, c).stream()
                .mapToDouble(Calibration::channelLatencySeconds).sorted().toArray()[1]);
        assertThat(m.measuredWallSeconds()).isEqualTo(List.of(a, b, c).stream()
                .mapToDouble(Calibration::measuredWallSeconds).sorted().toArray()[1]);
        assertThat(Calibration.median(List.of(a, c)).driverSeconds()).isCloseTo((a.driverSeconds() + c.driverSeconds()) / 2,
                within(1e-12));
        assertThat(Calibration.median(List.of(b))).isEqualTo(b);

        Calibration four = Calibrator.fit(job, synthetic(job, 4, 0.8, 0.02, 0.004, 0.006, 0.5, 0.3), ModelParameters.defaults());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Calibration.median(List.of(a, four)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("workers 2 and 4");
    }
}
