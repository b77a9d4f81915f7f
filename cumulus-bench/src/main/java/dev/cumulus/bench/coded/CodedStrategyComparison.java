package dev.cumulus.bench.coded;

import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import dev.cumulus.sim.gc.GcReport;
import dev.cumulus.sim.gc.GcScenario;
import dev.cumulus.sim.gc.GcSimulator;
import dev.cumulus.sim.straggler.ChunkTimeDistribution;
import dev.cumulus.sim.straggler.StragglerModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Coded training on real workers against its baselines: for N workers and each straggler model,
 * wall time to a target training loss and the coordinator's mean wait per round for wait-for-all,
 * ignore-stragglers, Tandon et al.'s cyclic code and the partial-straggler code; beside each, the
 * simulator's mean round time for the same N, load and chunk-time model (in chunk-time units), so
 * the measured ratios can be checked against the predicted ones.
 *
 * <p>Usage: {@code CodedStrategyComparison N[,N...] TARGET_LOSS}.
 */
public final class CodedStrategyComparison {
    private static final int LOAD = 2;
    private static final double CHUNK_MILLIS = 2;

    private CodedStrategyComparison() {
    }

    private record Stragglers(String name, List<String> overrides, StragglerModel model) {
    }

    public static void main(String[] args) {
        double target = Double.parseDouble(args[1]);
        System.out.println("| N | stragglers | strategy | wall s | epochs | test accuracy | mean wait per round ms | "
                + "simulated round (chunk times): wait-for-all / classic / partial |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (String n : args[0].split(",")) {
            int workers = Integer.parseInt(n);
            for (Stragglers s : stragglers(workers)) {
                String simulated = simulated(workers, s.model());
                for (String strategy : List.of("wait-for-all", "ignore-stragglers", "cyclic-repetition", "partial-work")) {
                    List<String> overrides = new ArrayList<>(s.overrides());
                    overrides.addAll(List.of("workers=" + workers, "coded.strategy=" + strategy));
                    if (!strategy.equals("wait-for-all") && !strategy.equals("ignore-stragglers")) {
                        overrides.add("coded.load=" + LOAD);
                    }
                    if (strategy.equals("ignore-stragglers")) {
                        overrides.add("coded.deadlineMillis=" + (long) (3 * CHUNK_MILLIS));
                    }
                    RunResult r = new Driver(line -> { }).run(Protocols.read(job(target), "bench.yaml", overrides));
                    System.out.println(String.format(Locale.ROOT, "| %d | %s | %s | %.2f | %d | %.4f | %.1f | %s |",
                            workers, s.name(), strategy, r.wallSeconds(), r.curve().size(),
                            r.metrics().get("testAccuracy"), meanWait(r), simulated));
                }
            }
        }
    }

    private static String job(double target) {
        return """
                dataset: { source: higgs-like, rows: 40000 }
                model: { type: logistic }
                algorithm: { optimizer: sgd, learningRate: 0.1, batchSize: 64, epochs: 6, targetLoss: %s }
                protocol: coded
                platform: { coldStartMillis: 0 }
                seed: 42
                """.formatted(target);
    }

    private static List<Stragglers> stragglers(int workers) {
        String delay = "stragglers.delay=shifted-exponential:" + CHUNK_MILLIS + "," + CHUNK_MILLIS / 2;
        ChunkTimeDistribution chunk = ChunkTimeDistribution.parse("shifted-exp:1,0.5");
        int slow = Math.max(1, workers / 4);
        String slowRanks = "stragglers.slow=" + java.util.stream.IntStream.range(0, slow).map(i -> i * workers / slow)
                .boxed().toList().toString().replace(" ", "");
        return List.of(
                new Stragglers("shifted-exp(2 ms, 1 ms) per chunk", List.of(delay), StragglerModel.of(chunk)),
                new Stragglers(slow + " of " + workers + " workers 5x slower", List.of(delay, slowRanks,
                        "stragglers.factor=5"), new StragglerModel(chunk, Optional.empty(), (double) slow / workers, 5, 0)),
                new Stragglers("pareto(2 ms, 1.5) per chunk", List.of("stragglers.delay=pareto:" + CHUNK_MILLIS + ",1.5"),
                        StragglerModel.of(ChunkTimeDistribution.parse("pareto:1,1.5"))));
    }

    private static String simulated(int workers, StragglerModel model) {
        GcReport report = new GcSimulator(new GcScenario(workers, workers, LOAD, 1, GcScenario.AssignmentKind.CYCLIC,
                GcScenario.OrderKind.NATURAL, model, new double[] {3}, 2000, 42)).run();
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", report.waitForAll().mean(), report.classic().mean(),
                report.partial().mean());
    }

    @SuppressWarnings("unchecked")
    private static double meanWait(RunResult r) {
        List<Map<String, Object>> rounds = (List<Map<String, Object>>) r.protocolReport().get("rounds");
        return rounds.stream().skip(1).mapToDouble(m -> ((Number) m.get("triggeredMillis")).doubleValue()).average()
                .orElse(Double.NaN);
    }
}
