package dev.cumulus.bench.robust;

import dev.cumulus.data.Dataset;
import dev.cumulus.engine.job.JobSpec;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.protocol.TrainingData;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import dev.cumulus.model.Model;
import dev.cumulus.model.Models;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Issue #22's table: 10 peers of which f = 1..3 are Byzantine, Fashion-MNIST softmax, a Dirichlet(alpha)
 * split with alpha in {1, 0.3}; the final accuracy of every attack x rule, each rule's setting (its
 * parameters and pre-aggregators) chosen per (alpha, f) against the worst attack, as ByzFL does: the
 * setting whose minimum accuracy over the attacks is highest, measured on a validation half of the
 * test set (rows 0..4999), while the table reports the other half (rows 5000..9999). Every cell is a
 * {@code protocol: p2p} job run by {@link SimulatedPeers}; {@code --check} runs a few cells as real
 * p2p runs through the driver as well and prints both accuracies.
 *
 * <p>Usage: {@code ByzantineTable [--threads T] [--rows N] [--epochs E] [--batch B] [--check] [--limit CELLS]}.
 */
public final class ByzantineTable {
    private static final int PEERS = 10;
    private static final int HALF = 5_000;
    static final List<String> ATTACKS = List.of("sign-flip", "ipm", "alie", "optimal-ipm", "optimal-alie", "gaussian",
            "label-flip", "mimic", "nan");

    private ByzantineTable() {
    }

    /** One setting of a rule: its name in the table and the p2p keys that make it. */
    record Defence(String rule, String label, List<String> overrides) {
        static Defence of(String rule, String pre, String parameters) {
            List<String> o = new ArrayList<>(List.of("p2p.aggregation=" + rule));
            StringBuilder label = new StringBuilder();
            if (pre != null) {
                o.add("p2p.preAggregators=" + pre);
                label.append(pre.replace(' ', '+')).append(" + ");
            }
            label.append(rule);
            if (parameters != null) {
                o.add("p2p.aggregationParameters=" + parameters);
                label.append(" (").append(parameters).append(')');
            }
            return new Defence(rule, label.toString(), o);
        }
    }

    /** Each rule's grid: plain and behind NNM (the pre-aggregator "Fixing by mixing" recommends); cc over its radius. */
    static List<Defence> defences() {
        List<Defence> out = new ArrayList<>(List.of(Defence.of("mean", null, null)));
        for (String rule : List.of("median", "trimmed-mean", "geomed", "krum", "multi-krum", "mda")) {
            out.add(Defence.of(rule, null, null));
            out.add(Defence.of(rule, "nnm", null));
        }
        for (String tau : List.of("0.1", "1", "10")) {
            out.add(Defence.of("cc", null, "tau=" + tau));
        }
        out.add(Defence.of("monna", null, null));
        return out;
    }

    record Cell(double alpha, int f, String attack, Defence defence) {
        List<String> overrides() {
            List<String> o = new ArrayList<>(defence.overrides());
            o.add("p2p.split=dirichlet:" + alpha);
            if (attack != null) {
                // The last f ranks attack, so MoNNA's trusted index 0 is an honest peer's own vector.
                o.add("p2p.f=" + f);
                o.add("p2p.byzantinePeers=" + String.join(" ", IntStream.range(PEERS - f, PEERS).mapToObj(Integer::toString).toList()));
                o.add("p2p.attack=" + attack);
            }
            return o;
        }
    }

    record Accuracy(double validation, double test) {
    }

    static String job(int rows, int epochs, int batch) {
        return """
                dataset: { source: fashion-mnist, rows: %d }
                model: { type: softmax, standardize: true }
                algorithm: { optimizer: momentum, learningRate: 0.1, batchSize: %d, epochs: %d }
                protocol: p2p
                p2p: { peers: %d }
                seed: 42
                """.formatted(rows, batch, epochs, PEERS);
    }

    public static void main(String[] args) throws Exception {
        int threads = 2;
        int rows = 10_000;
        int epochs = 3;
        int batch = 64;
        boolean check = false;
        int limit = Integer.MAX_VALUE;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--epochs" -> epochs = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--check" -> check = true;
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: ByzantineTable [--threads T] [--rows N] [--epochs E] [--batch B] [--check] [--limit CELLS]");
            }
        }
        String yaml = job(rows, epochs, batch);
        if (check) {
            crossCheck(yaml);
            return;
        }
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        TrainingData data = TrainingData.load(Protocols.read(yaml, "bench.yaml", List.of()).spec());
        List<Cell> cells = new ArrayList<>();
        for (double alpha : List.of(1.0, 0.3)) {
            cells.addAll(cells(alpha));
        }
        if (limit < cells.size()) {
            // A timing probe: the first cells only, listed raw.
            Map<Cell, Accuracy> some = run(yaml, data, cells.subList(0, limit), threads);
            some.forEach((c, a) -> System.out.println(c + " " + a));
            System.out.printf(Locale.ROOT, "%d cells in %.1f s%n", limit, (System.nanoTime() - start) / 1e9);
            return;
        }
        System.out.println("Job: " + yaml.replace("\n", "; "));
        // One alpha at a time, printed as soon as it is done, so a partial run still gives whole tables.
        for (double alpha : List.of(1.0, 0.3)) {
            Map<Cell, Accuracy> results = run(yaml, data, cells(alpha), threads);
            print(results, alpha);
            System.out.printf(Locale.ROOT, "%n(alpha = %s done after %.0f s wall, %.0f s CPU of this JVM, %d threads)%n", alpha,
                    (System.nanoTime() - start) / 1e9, (cpuNanos() - cpuStart) / 1e9, threads);
            System.out.flush();
        }
        System.out.printf(Locale.ROOT, "%n%d trainings in %.0f s wall, %.0f s CPU of this JVM, %d threads%n", cells.size(),
                (System.nanoTime() - start) / 1e9, (cpuNanos() - cpuStart) / 1e9, threads);
    }

    private static List<Cell> cells(double alpha) {
        List<Cell> cells = new ArrayList<>();
        cells.add(new Cell(alpha, 0, null, Defence.of("mean", null, null)));
        for (int f = 1; f <= 3; f++) {
            for (Defence d : defences()) {
                for (String attack : ATTACKS) {
                    cells.add(new Cell(alpha, f, attack, d));
                }
            }
        }
        return cells;
    }

    private static long cpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    static Map<Cell, Accuracy> run(String yaml, TrainingData data, List<Cell> cells, int threads) throws Exception {
        Dataset test = data.test();
        Dataset validationHalf = test.select(IntStream.range(0, HALF).toArray());
        Dataset testHalf = test.select(IntStream.range(HALF, test.rows()).toArray());
        Map<Cell, Accuracy> results = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Cell cell : cells) {
                futures.add(pool.submit(() -> {
                    JobSpec job = Protocols.read(yaml, "bench.yaml", cell.overrides()).spec();
                    float[] w = SimulatedPeers.train(job, data);
                    Model model = Models.create(job.model(), test.cols(), test.numClasses());
                    results.put(cell, new Accuracy(model.accuracy(w, validationHalf), model.accuracy(w, testHalf)));
                    if (results.size() % 50 == 0) {
                        System.err.println(results.size() + " of " + cells.size() + " cells done");
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return results;
    }

    /** Per (alpha, f): each rule's max-min setting on validation, and its test accuracy under every attack. */
    private static void print(Map<Cell, Accuracy> results, double alpha) {
        {
            Accuracy clean = results.get(new Cell(alpha, 0, null, Defence.of("mean", null, null)));
            for (int byzantine = 1; byzantine <= 3; byzantine++) {
                int f = byzantine;
                System.out.printf(Locale.ROOT, "%n**alpha = %s, f = %d** (clean run, 10 honest peers, mean: %.3f)%n%n", alpha, f,
                        clean.test());
                System.out.println("| rule (setting chosen) | " + String.join(" | ", ATTACKS) + " | worst |");
                System.out.println("|---|" + "---|".repeat(ATTACKS.size() + 1));
                Map<String, Defence> chosen = new LinkedHashMap<>();
                for (Defence d : defences()) {
                    Defence best = chosen.get(d.rule());
                    if (best == null || worst(results, alpha, f, d, true) > worst(results, alpha, f, best, true)) {
                        chosen.put(d.rule(), d);
                    }
                }
                List<Defence> ordered = new ArrayList<>(chosen.values());
                ordered.sort(Comparator.comparingDouble((Defence d) -> -worst(results, alpha, f, d, false)));
                for (Defence d : ordered) {
                    StringBuilder line = new StringBuilder("| " + d.label() + " |");
                    for (String attack : ATTACKS) {
                        line.append(String.format(Locale.ROOT, " %.3f |", results.get(new Cell(alpha, f, attack, d)).test()));
                    }
                    line.append(String.format(Locale.ROOT, " **%.3f** |", worst(results, alpha, f, d, false)));
                    System.out.println(line);
                }
            }
        }
    }

    private static double worst(Map<Cell, Accuracy> results, double alpha, int f, Defence d, boolean validation) {
        return ATTACKS.stream().mapToDouble(a -> {
            Accuracy acc = results.get(new Cell(alpha, f, a, d));
            return validation ? acc.validation() : acc.test();
        }).min().orElseThrow();
    }

    /** A few cells both ways: simulated, and as real p2p runs (memory stores, one thread per peer) through the driver. */
    private static void crossCheck(String yaml) throws Exception {
        List<Cell> cells = List.of(
                new Cell(1.0, 0, null, Defence.of("mean", null, null)),
                new Cell(1.0, 1, "sign-flip", Defence.of("krum", "nnm", null)),
                new Cell(1.0, 2, "alie", Defence.of("trimmed-mean", null, null)),
                new Cell(0.3, 3, "optimal-ipm", Defence.of("mean", null, null)),
                new Cell(0.3, 2, "label-flip", Defence.of("cc", null, "tau=1")),
                new Cell(0.3, 1, "nan", Defence.of("median", "nnm", null)));
        TrainingData data = TrainingData.load(Protocols.read(yaml, "bench.yaml", List.of()).spec());
        System.out.println("| alpha | f | attack | rule | simulated | real p2p run | difference |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Cell cell : cells) {
            BoundJob bound = Protocols.read(yaml, "bench.yaml", cell.overrides());
            float[] w = SimulatedPeers.train(bound.spec(), data);
            Model model = Models.create(bound.spec().model(), data.test().cols(), data.test().numClasses());
            double simulated = model.accuracy(w, data.test());
            RunResult real = new Driver(line -> { }).run(bound);
            double actual = real.metrics().get("testAccuracy");
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %.4f | %.4f | %+.4f |%n", cell.alpha(), cell.f(),
                    cell.attack() == null ? "none" : cell.attack(), cell.defence().label(), simulated, actual, actual - simulated);
        }
    }
}
