package dev.cumulus.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Head to head with the tools a user would pick instead (issue #24): Cumulus and one peer, on the same
 * data files, in one run, alternating round by round, each measurement a whole process; prints a table
 * and writes a CSV and a PNG.
 *
 * <pre>
 * java -cp cumulus-bench/target/benchmarks.jar dev.cumulus.bench.peers.PeerComparison PEER WORKLOAD [options]
 *   PEER      sklearn | spark
 *   WORKLOAD  lr-1m | lr-5m | fashion
 *   --rounds N       whole processes per tool (default 3; medians)
 *   --data DIR       where the generated CSV files live (default /tmp/cumulus-peers; made if absent)
 *   --out DIR        results.csv, chart.png and the work files (default runs/peers-PEER-WORKLOAD, which git ignores)
 *   --repo DIR       the repository with ./cumulus and its built jar (default .)
 *   --python PATH    a python with scikit-learn (default /usr/bin/python3, Debian's python3-sklearn)
 *   --spark DIR      the built spark-peer project's target (default cumulus-bench/spark-peer/target)
 *   --spark-heap S   the Spark JVM's -Xmx (default 6g)
 *   --java-opts S    the Cumulus JVM's options (the launcher's CUMULUS_JAVA_OPTS; default the launcher's own)
 *   --set KEY=VALUE  passed on to cumulus train (repeatable)
 * </pre>
 *
 * <p>The target: for logistic regression, a training loss within 0.1% of the optimum, which scikit-learn's
 * L-BFGS to a tight tolerance computes once per data file (kept beside it); for Fashion-MNIST,
 * scikit-learn's test accuracy with its defaults. scikit-learn is needed for every comparison (it makes
 * the data and the reference). A missing peer stops the command with exit code 3 and a message saying
 * how to install it; a usage error with exit code 2.
 */
public final class PeerComparison {
    static final int USAGE = 2;
    static final int PEER_MISSING = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PeerComparison() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command; returns the exit code. */
    static int run(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("peer-comparison: " + e.getMessage());
            System.err.println(Options.USAGE);
            return USAGE;
        }
        try {
            compare(options);
            return 0;
        } catch (PeerMissingException e) {
            System.err.println("peer-comparison: " + e.getMessage());
            return PEER_MISSING;
        } catch (IOException | RuntimeException e) {
            System.err.println("peer-comparison: failed: " + e);
            return 1;
        }
    }

    private static void compare(Options o) throws IOException {
        // Absolute: every peer runs in a directory of its own and is handed paths inside this one.
        Path work = o.out().toAbsolutePath().resolve("work");
        Files.createDirectories(work);
        // Every peer is checked before anything runs: a missing one stops the command at once.
        ScikitLearn sklearn = ScikitLearn.check(o.python(), work);
        SparkMllib spark = o.peer().equals("spark") ? SparkMllib.check(o.sparkTarget(), work) : null;
        CumulusTrain cumulus = CumulusTrain.check(o.repo(), work, o.cumulusJavaOptions());
        System.out.println("peers: " + sklearn.versions() + (spark != null ? "; " + spark.version() : "")
                + "; " + Runtime.getRuntime().availableProcessors() + " cores");

        Workload w = o.workload();
        Path train = w.trainFile(o.data());
        Path test = w.testFile(o.data());
        if (w.rows() > 0 && !(Files.exists(train) && Files.exists(test))) {
            System.out.println("generating " + train + " and " + test + " with scikit-learn's make_classification");
            Files.createDirectories(o.data());
            sklearn.generate(w.rows(), w.testRows(), train, test);
        }
        double reference = reference(sklearn, w, train, test);
        double targetLoss = PeerTable.targetLoss(reference);
        double targetValue = w.target() == Workload.Target.LOSS ? targetLoss : reference;
        String targetText = w.target() == Workload.Target.LOSS
                ? String.format(Locale.ROOT, "training loss <= %.6f (optimum %.6f + 0.1%%)", targetLoss, reference)
                : String.format(Locale.ROOT, "test accuracy >= %.4f (scikit-learn's)", reference);
        System.out.println(w.name() + ": " + train + ", " + targetText);

        String job = w.cumulusJob(o.data(), targetLoss);
        List<Measurement> runs = new ArrayList<>();
        List<Integer> roundOf = new ArrayList<>();
        for (int round = 1; round <= o.rounds(); round++) {
            List<Measurement> these = new ArrayList<>();
            these.add(cumulus.train(PeerTable.CUMULUS, job, o.sets()));
            if (spark != null) {
                these.addAll(spark.fit(train, test, 100, 1e-6, o.sparkHeap()));
            } else {
                for (Workload.SklearnVariant v : w.sklearnVariants()) {
                    these.add(sklearn.fit(v.tool(), v.mode(), train, test, v.options()));
                }
            }
            for (Measurement m : these) {
                System.out.printf(Locale.ROOT, "round %d: %-24s whole %7.2f s, start+read %6.2f s, training %6.2f s,"
                                + " loss %.5f, accuracy %.4f%s%n", round, m.tool(), m.processSeconds(), m.readSeconds(),
                        m.trainSeconds(), m.trainLoss(), m.testAccuracy(),
                        PeerTable.reached(m, w.target(), targetValue) ? "" : "  (target not reached)");
                runs.add(m);
                roundOf.add(round);
            }
        }
        List<PeerTable.Row> rows = PeerTable.rows(runs, w.target(), targetValue);
        java.io.ByteArrayOutputStream table = new java.io.ByteArrayOutputStream();
        PeerReport.printTable(new java.io.PrintStream(table, true, java.nio.charset.StandardCharsets.UTF_8), rows,
                targetText);
        String tableText = table.toString(java.nio.charset.StandardCharsets.UTF_8);
        System.out.print(tableText);
        Path tableTmp = Files.createTempFile(o.out(), "table", ".tmp");
        Files.writeString(tableTmp, tableText);
        Files.move(tableTmp, o.out().resolve("table.md"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        PeerReport.writeCsv(o.out().resolve("results.csv"), runs, roundOf, rows);
        PeerReport.writePng(o.out().resolve("chart.png"), rows, "Cumulus vs " + o.peer() + ", " + w.name());
        System.out.println("wrote table.md, results.csv and chart.png into " + o.out());
    }

    /**
     * The reference: the optimum's training loss, or scikit-learn's test accuracy; computed once per
     * data file and kept beside the outputs, keyed by the file's size and modification time.
     */
    private static double reference(ScikitLearn sklearn, Workload w, Path train, Path test) throws IOException {
        Path cache = w.rows() > 0 ? train.resolveSibling(train.getFileName() + ".reference.json")
                : Path.of(System.getProperty("java.io.tmpdir"), "cumulus-peers-" + w.name() + ".reference.json");
        String key = Files.size(train) + ":" + Files.getLastModifiedTime(train).toMillis() + ":" + w.referenceMode()
                + ":" + w.referenceOptions();
        if (Files.exists(cache)) {
            JsonNode cached = JSON.readTree(cache.toFile());
            if (cached.path("key").asText().equals(key)) {
                return cached.get("value").asDouble();
            }
        }
        System.out.println("computing the reference (scikit-learn, " + w.referenceMode() + ") for " + train);
        Measurement m = sklearn.fit("reference", w.referenceMode(), train, test, w.referenceOptions());
        double value = w.target() == Workload.Target.LOSS ? m.trainLoss() : m.testAccuracy();
        Path tmp = Files.createTempFile(cache.toAbsolutePath().getParent(), "reference", ".tmp");
        Files.writeString(tmp, JSON.createObjectNode().put("key", key).put("value", value)
                .put("fitSeconds", m.trainSeconds()).toString());
        Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return value;
    }
}
