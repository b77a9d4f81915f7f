package dev.cumulus.bench.lambdaml;

import dev.cumulus.data.Dataset;
import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.protocol.TrainingData;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import dev.cumulus.model.NewtonOptimum;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Full-batch L-BFGS against the Adam setting of issue 24 (learning rate 0.002, batch 4096), both
 * with 2 workers on HIGGS-like logistic regression, to a training loss within 0.1% of the optimum.
 * The optimum is Newton's, computed here on one machine in double precision ({@link NewtonOptimum});
 * each algorithm stops at 1.001 x that. Runs alternate (L-BFGS, Adam, L-BFGS, ...), so both see the
 * same machine; the ratio is of medians from this one run.
 *
 * <p>Usage: {@code LbfgsAgainstAdam [ROWS] [REPEATS] [MAX_ADAM_EPOCHS]}, default 1000000 3 30.
 */
public final class LbfgsAgainstAdam {
    private LbfgsAgainstAdam() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int adamEpochs = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        String base = """
                dataset: { source: higgs-like, rows: %d }
                model: { type: logistic }
                workers: 2
                platform: { coldStartMillis: 0 }
                seed: 42
                """.formatted(rows);
        BoundJob probe = Protocols.read(base, "bench.yaml", List.of());
        long newtonStart = System.nanoTime();
        Dataset train = TrainingData.load(probe.spec()).training().train();
        double optimum = NewtonOptimum.of(train, "logistic", 0);
        double target = optimum * 1.001;
        System.out.printf(Locale.ROOT, "optimum (Newton, %d training rows): %.6f in %.1f s; target %.6f%n",
                train.rows(), optimum, (System.nanoTime() - newtonStart) / 1e9, target);

        String lbfgs = "algorithm: { type: lbfgs, epochs: 100, targetLoss: %s }\n".formatted(target);
        String adam = ("algorithm: { type: ga-sgd, optimizer: adam, learningRate: 0.002, batchSize: 4096, "
                + "epochs: %d, targetLoss: %s }\n").formatted(adamEpochs, target);
        List<double[]> lbfgsRuns = new ArrayList<>();
        List<double[]> adamRuns = new ArrayList<>();
        System.out.println("| run | algorithm | epochs or iterations | reached | to target s | wall s | final train loss |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        for (int r = 1; r <= repeats; r++) {
            lbfgsRuns.add(run(r, "lbfgs", base + lbfgs, target));
            adamRuns.add(run(r, "adam", base + adam, target));
        }
        double lbfgsMedian = median(lbfgsRuns, 0);
        double adamMedian = median(adamRuns, 0);
        System.out.printf(Locale.ROOT, "median time to target: L-BFGS %.2f s, Adam %.2f s; Adam / L-BFGS = %.2fx%n",
                lbfgsMedian, adamMedian, adamMedian / lbfgsMedian);
        System.out.printf(Locale.ROOT, "median wall: L-BFGS %.2f s, Adam %.2f s%n", median(lbfgsRuns, 1),
                median(adamRuns, 1));
    }

    /** One run; returns {time to target (or to its end when it missed), wall}. */
    private static double[] run(int repeat, String name, String yaml, double target) {
        RunResult result = new Driver(line -> { }).run(Protocols.read(yaml, "bench.yaml", List.of()));
        List<EpochRecord> curve = result.curve();
        EpochRecord last = curve.get(curve.size() - 1);
        boolean reached = last.trainLoss() <= target;
        System.out.printf(Locale.ROOT, "| %d | %s | %d | %s | %.2f | %.2f | %.6f |%n", repeat, name, curve.size(),
                reached ? "yes" : "no", last.elapsedSeconds(), result.wallSeconds(), result.metrics().get("trainLoss"));
        return new double[] {last.elapsedSeconds(), result.wallSeconds()};
    }

    private static double median(List<double[]> runs, int column) {
        double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
