package dev.cumulus.bench.lambdaml;

import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * LambdaML's comparisons, in shape, on this machine: GA-SGD against MA-SGD against ADMM (time to a
 * target loss on HIGGS-like logistic regression), AllReduce against ScatterReduce, the storage
 * channel against the parameter server, for 1 to 16 workers; each run with its time breakdown and
 * cost. Prints one Markdown row per run.
 *
 * <p>Usage: {@code DesignSpaceComparison ROWS TARGET_LOSS [REDIS_URI|-] [ONLY]}; every run stops at
 * the target loss or after 10 epochs; {@code ONLY}, a regular expression, keeps the runs whose overrides
 * it finds (such as {@code parameter-server}), {@code -} for no Redis.
 */
public final class DesignSpaceComparison {
    private DesignSpaceComparison() {
    }

    public static void main(String[] args) {
        int rows = Integer.parseInt(args[0]);
        double target = Double.parseDouble(args[1]);
        String redis = args.length > 2 && !args[2].equals("-") ? args[2] : null;
        String only = args.length > 3 ? args[3] : "";
        String base = """
                dataset: { source: higgs-like, rows: %d }
                model: { type: logistic, l2: 0.0001 }
                algorithm: { optimizer: adam, learningRate: 0.005, batchSize: 256, epochs: 10, targetLoss: %s,
                             localSteps: 32, rho: 1.0 }
                platform: { coldStartMillis: 0 }
                seed: 42
                """.formatted(rows, target);
        List<List<String>> runs = new ArrayList<>();
        for (int workers : new int[] {1, 2, 4, 8, 16}) {
            for (String algorithm : List.of("ga-sgd", "ma-sgd", "admm")) {
                List<String> extra = new ArrayList<>(List.of("workers=" + workers, "algorithm.type=" + algorithm));
                if (algorithm.equals("admm")) {
                    extra.add("algorithm.batchSize=2048");
                    extra.add("algorithm.learningRate=0.02");
                }
                runs.add(extra);
            }
        }
        for (int workers : new int[] {2, 8, 16}) {
            runs.add(List.of("workers=" + workers, "pattern=scatter-reduce"));
            runs.add(List.of("workers=" + workers, "pattern=parameter-server"));
            if (redis != null) {
                runs.add(List.of("workers=" + workers, "channel=" + redis));
                runs.add(List.of("workers=" + workers, "channel=" + redis, "pattern=scatter-reduce"));
            }
        }
        runs.removeIf(overrides -> !java.util.regex.Pattern.compile(only).matcher(String.join(" ", overrides)).find());
        System.out.println("| run | epochs | final loss | wall s | startup | load | compute | communicate | wait | cost $ |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (List<String> overrides : runs) {
            RunResult r = new Driver(line -> { }).run(Protocols.read(base, "bench.yaml", overrides));
            double total = 0;
            for (Phase phase : Phase.values()) {
                total += r.breakdown().of(phase);
            }
            final double sum = total;
            System.out.println(String.format(Locale.ROOT, "| %s | %d | %.4f | %.2f | %s | %s | %s | %s | %s | %.6f |",
                    String.join(" ", overrides) + forces(r), r.curve().size(), r.metrics().get("trainLoss"), r.wallSeconds(),
                    share(r, Phase.STARTUP, sum), share(r, Phase.LOAD, sum), share(r, Phase.COMPUTE, sum),
                    share(r, Phase.COMMUNICATE, sum), share(r, Phase.WAIT, sum), ((Number) r.cost().get("totalUsd")).doubleValue()
                            + ((Number) r.cost().getOrDefault("parameterServerUsd", 0.0)).doubleValue()));
        }
    }

    /** For a parameter-server run, how many journal forces its pushes took (group commit shares them). */
    private static String forces(RunResult r) {
        Object forces = r.cost().get("parameterServerJournalForces");
        return forces == null ? "" : " (" + forces + " forces for " + r.cost().get("parameterServerPushes") + " pushes)";
    }

    private static String share(RunResult r, Phase phase, double total) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * r.breakdown().of(phase) / total);
    }
}
