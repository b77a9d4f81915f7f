package dev.cumulus.bench.peers;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One comparison's data and settings: the files every tool reads, the target, the Cumulus job, and
 * the scikit-learn variants.
 *
 * @param name            as typed on the command line
 * @param rows            training rows the harness generates (0: the files exist, as Fashion-MNIST's do)
 * @param testRows        test rows generated beside them
 * @param target          what "the same model" means: a loss near the optimum, or scikit-learn's accuracy
 * @param cumulusJob      the job's YAML, with %1$s the training file, %2$s the test file, %3$s the target loss
 * @param sklearnVariants the scikit-learn fits timed against Cumulus
 * @param referenceMode   the scikit-learn fit that sets the target (optimum: L-BFGS to a tight tolerance)
 * @param referenceOptions its options
 */
record Workload(String name, int rows, int testRows, Target target, String cumulusJob,
                List<SklearnVariant> sklearnVariants, String referenceMode, List<String> referenceOptions) {

    /** What a run must reach to count. */
    enum Target {
        /** Training loss within {@link #LOSS_TOLERANCE} of the reference optimum. */
        LOSS,
        /** Test accuracy at least the reference fit's. */
        ACCURACY
    }

    /** "Within 0.1% of the optimum". */
    static final double LOSS_TOLERANCE = 0.001;

    /** A scikit-learn fit: its label, the script's mode, and its options. */
    record SklearnVariant(String tool, String mode, List<String> options) {
    }

    private static final String FASHION_DIR = "/usr/share/datasets/fashion-mnist";

    private static final String LOGISTIC_JOB = String.join("\n",
            "# Written by dev.cumulus.bench.peers.PeerComparison: logistic regression on the peer's CSV files.",
            "dataset: { source: csv, path: \"%1$s\", testPath: \"%2$s\" }",
            "model: { type: logistic }",
            "algorithm: { optimizer: adam, learningRate: 0.002, batchSize: 4096, epochs: 30, targetLoss: %3$s }",
            "workers: 2",
            // The threads platform adds a stand-in FaaS cold start; locally, against local peers, none.
            "platform: { coldStartMillis: 0 }",
            "seed: 1", "");

    private static final String FASHION_JOB = String.join("\n",
            "# Written by dev.cumulus.bench.peers.PeerComparison: softmax regression on Fashion-MNIST's IDX files.",
            "dataset: { source: fashion-mnist, path: \"" + FASHION_DIR + "\" }",
            "model: { type: softmax }",
            "algorithm: { optimizer: adam, learningRate: 0.002, batchSize: 256, epochs: 20 }",
            "workers: 2",
            "platform: { coldStartMillis: 0 }",
            "seed: 1", "");

    private static final List<SklearnVariant> LOGISTIC = List.of(
            new SklearnVariant("scikit-learn L-BFGS", "lbfgs", List.of()),
            new SklearnVariant("scikit-learn SGD", "sgd", List.of()));

    /** The workloads, by name. */
    static final List<Workload> ALL = List.of(
            new Workload("lr-1m", 1_000_000, 250_000, Target.LOSS, LOGISTIC_JOB, LOGISTIC, "optimum", List.of()),
            new Workload("lr-5m", 5_000_000, 250_000, Target.LOSS, LOGISTIC_JOB, LOGISTIC, "optimum", List.of()),
            // scikit-learn's defaults (C = 1, 100 iterations), as a user would fit it; its accuracy is the target.
            new Workload("fashion", 0, 0, Target.ACCURACY, FASHION_JOB,
                    List.of(new SklearnVariant("scikit-learn L-BFGS", "lbfgs", List.of("C=1"))), "lbfgs",
                    List.of("C=1")));

    static Workload named(String name) {
        return ALL.stream().filter(w -> w.name.equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown workload '" + name + "': expected one of "
                        + ALL.stream().map(Workload::name).toList()));
    }

    Path trainFile(Path dataDirectory) {
        return rows == 0 ? Path.of(FASHION_DIR, "train-images-idx3-ubyte.gz") : dataDirectory.resolve(name + "-train.csv");
    }

    Path testFile(Path dataDirectory) {
        return rows == 0 ? Path.of(FASHION_DIR, "t10k-images-idx3-ubyte.gz") : dataDirectory.resolve(name + "-test.csv");
    }

    /** The Cumulus job for the files, stopping at the target loss (a LOSS workload). */
    String cumulusJob(Path dataDirectory, double targetLoss) {
        return String.format(Locale.ROOT, cumulusJob, trainFile(dataDirectory).toAbsolutePath(),
                testFile(dataDirectory).toAbsolutePath(), Double.toString(targetLoss));
    }
}
