package dev.cumulus.cli.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.cli.report.RunDirectory;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import dev.cumulus.engine.testing.RedisServerProcess;
import dev.cumulus.sim.cost.Calibration;
import dev.cumulus.sim.cost.CostModel;
import dev.cumulus.sim.cost.Deployment;
import dev.cumulus.sim.cost.JobShape;
import dev.cumulus.sim.cost.ModelParameters;
import dev.cumulus.sim.cost.Prediction;
import dev.cumulus.sim.cost.Prices;
import dev.cumulus.sim.cost.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibrated on real runs with 2 workers, the model predicts the measured wall time of the same job with more
 * workers within 25% (the goal): GA-SGD with 4 and 8 workers on the memory channel and on Redis. MA-SGD
 * with 4 and the parameter server with 4 are held to half: MA-SGD measured up to +29% under load, and the
 * parameter server's local rounds do not grow with the workers sharing the cores as the model's time-slicing
 * has it (docs/COST-MODEL.md).
 *
 * <p>The two cores here may be shared with other builds, so one run's wall time moves by 20-40% with its
 * neighbours' load, more than the model's own error. The test therefore measures the way a benchmark does:
 * a warm-up run of each count (JIT, class loading, first connections), then rounds that run every count in
 * turn, so that a busy stretch slows them alike; at least {@value #MIN_REPEATS} rounds, more (up to
 * {@value #MAX_REPEATS}) while the median of some count is still uncertain by more than
 * {@value #TARGET_RELATIVE_ERROR} of itself. The model is calibrated on every 2-worker repeat and each fitted
 * constant is the median of the repeats' ({@link Calibration#median}); it is compared with the median wall time
 * of each larger count. Where even the medians stay uncertain (other builds on the two cores), the bound widens
 * to what the measurement resolves, at most to twice itself ({@link #resolvableBound}); the errors and the bound
 * used are printed.
 */
@Tag("timing")
class CalibratedPredictionTest {
    static final String JOB = """
            dataset: { source: higgs-like, rows: 50000 }
            model: { type: mlp, hidden: [32] }
            algorithm: { type: ga-sgd, optimizer: momentum, learningRate: 0.05, batchSize: 256, epochs: 3 }
            workers: 2
            channel: "memory:"
            platform: { type: threads, memoryMb: 1024 }
            seed: 7
            """;
    /**
     * Issue #23's goal. Since the model charges a local run's rounds at the store's loopback bandwidth and takes
     * the store's aggregate limits as a bound rather than a sum, eleven runs of this test at load averages of
     * 0.6-16.5 measured GA-SGD at 4 and 8 workers at -26% to +12% on the memory channel and -12% to +20% on
     * Redis, 43 of 44 comparisons within 25% (docs/COST-MODEL.md).
     */
    private static final double BOUND = 0.25;
    /** MA-SGD and the parameter server: what held on every run (above); a model off by a factor still fails. */
    private static final double HALF = 0.5;
    private static final int MIN_REPEATS = 5;
    private static final int MAX_REPEATS = 7;
    private static final double TARGET_RELATIVE_ERROR = 0.06;
    private static final int RESAMPLES = 2000;

    @TempDir
    Path dir;

    @Test
    void calibratedOnTwoWorkersPredictsFourAndEightWithinAQuarterOnTheMemoryChannel() throws Exception {
        check("memory:", Store.MEMORY, List.of(), BOUND, 2, 4, 8);
    }

    /** The same on a local Redis, whose server shares the two cores with the workers. */
    @Test
    void calibratedOnTwoWorkersPredictsFourAndEightWithinAQuarterOnRedis() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start("cost-model")) {
            check("redis://:cost-model@127.0.0.1:" + redis.port(), Store.REDIS, List.of(), BOUND, 2, 4, 8);
        }
    }

    /** MA-SGD: four local steps between two averages, every worker checkpointing itself after each. */
    @Test
    void calibratedOnTwoWorkersPredictsMaSgdWithFourWithinHalf() throws Exception {
        check("memory:", Store.MEMORY, List.of("algorithm.type=ma-sgd", "algorithm.localSteps=4"), HALF, 2, 4);
    }

    /**
     * LambdaML's hybrid: the run's own parameter server (gRPC on this machine, a journal write per push), pulled
     * and pushed every step; one epoch, as its steps take 15-40 ms here.
     */
    @Test
    void calibratedOnTwoWorkersPredictsTheParameterServerWithFourWithinHalf() throws Exception {
        check("memory:", Store.MEMORY, List.of("pattern=parameter-server", "algorithm.epochs=1"),
                HALF, 2, 4);
    }

    private static RunResult train(int workers, String channel, List<String> settings) {
        List<String> all = new ArrayList<>(settings);
        all.add("workers=" + workers);
        all.add("channel=" + channel);
        BoundJob job = Protocols.read(JOB, "job.yaml", all);
        return new Driver(line -> { }).run(job);
    }

    private void check(String channel, Store store, List<String> settings, double bound, int... workers)
            throws Exception {
        for (int n : workers) {
            train(n, channel, settings); // warms the JIT: every measured run runs the same compiled code
        }
        Map<Integer, List<RunResult>> runs = new TreeMap<>();
        int repeats = 0;
        while (repeats < MIN_REPEATS || repeats < MAX_REPEATS && !settled(runs)) {
            for (int n : workers) {
                System.gc();
                runs.computeIfAbsent(n, k -> new ArrayList<>()).add(train(n, channel, settings));
            }
            repeats++;
        }

        List<Calibration> each = new ArrayList<>();
        for (RunResult two : runs.get(workers[0])) {
            Path runDir = dir.resolve(two.runId());
            new RunDirectory(runDir).write(two, Map.of());
            each.add(CalibratedRun.read(runDir).calibrateAndWrite(runDir));
            assertThat(CalibrationFile.read(runDir.resolve(CalibratedRun.FILE))).isEqualTo(each.get(each.size() - 1));
        }
        Calibration calibration = Calibration.median(each);
        JobShape shape = JobShape.of(Protocols.read(JOB, "job.yaml", settings));
        CostModel model = new CostModel(calibration.applyTo(ModelParameters.defaults(), true),
                Prices.defaults("c5.large"));

        StringBuilder report = new StringBuilder(String.format("%s %s, %d repeats; calibrated on %d workers: "
                + "median %.3f s, model %.3f s; %s%n", store.label(), settings, repeats, workers[0],
                median(runs.get(workers[0])), model.predict(shape, Deployment.functions(workers[0], store)).wallSeconds(),
                calibration));
        for (int n : Arrays.copyOfRange(workers, 1, workers.length)) {
            double measured = median(runs.get(n));
            Prediction predicted = model.predict(shape, Deployment.functions(n, store));
            double error = predicted.wallSeconds() / measured - 1;
            double resolvable = resolvableBound(bound, runs.get(workers[0]), runs.get(n));
            report.append(String.format("workers=%d measured median=%.3f s (runs %s) predicted=%.3f s error=%+.1f%% "
                    + "bound=%.0f%% (%s)%n", n, measured, walls(runs.get(n)), predicted.wallSeconds(), 100 * error,
                    100 * resolvable, predicted));
            assertThat(Math.abs(error)).as(report.toString()).isLessThan(resolvable);
        }
        System.out.print(report);
    }

    /**
     * The bound, or, on a machine so busy that even the medians of the repeats are uncertain, three standard
     * errors of the ratio of the two medians compared (a difference the measurement cannot resolve is not the
     * model's), but never more than twice the bound: past that the comparison says nothing, and a test that
     * cannot fail is no test. With the medians known to 6% (as the repeats aim for; on a machine running the
     * test alone) this is the bound; at load averages of 6-17 on two cores three standard errors reached 45-50%
     * for GA-SGD and 57-160% for the parameter server and MA-SGD (docs/COST-MODEL.md).
     */
    static double resolvableBound(double bound, List<RunResult> calibrated, List<RunResult> compared) {
        double a = relativeErrorOfMedian(calibrated);
        double b = relativeErrorOfMedian(compared);
        return Math.min(2 * bound, Math.max(bound, 3 * Math.sqrt(a * a + b * b)));
    }

    /** Whether every count's median wall time is known to {@value #TARGET_RELATIVE_ERROR} of itself. */
    private static boolean settled(Map<Integer, List<RunResult>> runs) {
        return runs.values().stream().allMatch(r -> relativeErrorOfMedian(r) <= TARGET_RELATIVE_ERROR);
    }

    /**
     * The standard error of a median over its value, by the bootstrap: the spread of the medians of
     * {@value #RESAMPLES} resamples (a fixed seed, so a run's numbers decide the bound, not chance). Wall times
     * here can fall in two clusters (8 workers on Redis: 0.62-0.63 s and 0.74-0.77 s in one run), and the
     * median of seven then lands in either; the normal approximation from the interquartile range took that
     * for 7% and kept a bound that one cluster or the other failed (+27% in one CI run, +6% had the median
     * landed one run higher). One very slow run still moves a resampled median little.
     */
    static double relativeErrorOfMedian(List<RunResult> runs) {
        double[] w = runs.stream().mapToDouble(RunResult::wallSeconds).sorted().toArray();
        java.util.SplittableRandom random = new java.util.SplittableRandom(23);
        double[] resample = new double[w.length];
        double sum = 0;
        double sumOfSquares = 0;
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < w.length; i++) {
                resample[i] = w[random.nextInt(w.length)];
            }
            Arrays.sort(resample);
            double m = quantile(resample, 0.5);
            sum += m;
            sumOfSquares += m * m;
        }
        double mean = sum / RESAMPLES;
        double sd = Math.sqrt(Math.max(0, sumOfSquares / RESAMPLES - mean * mean));
        return sd / quantile(w, 0.5);
    }

    private static double median(List<RunResult> runs) {
        return quantile(runs.stream().mapToDouble(RunResult::wallSeconds).sorted().toArray(), 0.5);
    }

    /** Linear interpolation between the order statistics of sorted {@code v}. */
    private static double quantile(double[] v, double q) {
        double position = q * (v.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(v.length - 1, below + 1);
        return v[below] + (position - below) * (v[above] - v[below]);
    }

    private static String walls(List<RunResult> runs) {
        return runs.stream().map(r -> String.format("%.2f", r.wallSeconds())).toList().toString();
    }
}
