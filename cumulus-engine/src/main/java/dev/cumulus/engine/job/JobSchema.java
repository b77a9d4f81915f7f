package dev.cumulus.engine.job;

import static dev.cumulus.engine.job.Validator.allAtLeast;
import static dev.cumulus.engine.job.Validator.any;
import static dev.cumulus.engine.job.Validator.between;
import static dev.cumulus.engine.job.Validator.channelUri;
import static dev.cumulus.engine.job.Validator.greaterThan;
import static dev.cumulus.engine.job.Validator.oneOf;
import static dev.cumulus.engine.job.Validator.uriWithScheme;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The declaration of every job-file key, in one place.
 *
 * <p>Validation, defaults and the reference documentation ({@code docs/JOB.md}) all come from
 * this declaration, so they cannot drift apart.
 */
public final class JobSchema {

    /** The keys Cumulus understands today. */
    public static final JobSchema STANDARD = new JobSchema(List.of(
            new JobKey("dataset.source", ValueType.STRING, "higgs-like",
                    oneOf("fashion-mnist", "libsvm", "idx", "csv", "higgs-like", "rcv1-like", "blobs"),
                    "Where the examples come from: a file format (with `dataset.path`), the Fashion-MNIST "
                            + "package, or a seeded generator."),
            new JobKey("dataset.path", ValueType.STRING, null, any(),
                    "Training file for `libsvm`, `idx` (the images file) and `csv`; for `fashion-mnist`, "
                            + "the directory holding the IDX files (default: the Debian package's)."),
            new JobKey("dataset.testPath", ValueType.STRING, null, any(),
                    "Held-out file in the same format. Unset: Fashion-MNIST uses its own test set, "
                            + "everything else a seeded split of `dataset.testFraction`."),
            new JobKey("dataset.labelsPath", ValueType.STRING, null, any(),
                    "IDX labels file of `dataset.path` (default: found from the images file's name)."),
            new JobKey("dataset.testLabelsPath", ValueType.STRING, null, any(),
                    "IDX labels file of `dataset.testPath` (default: found from its name)."),
            new JobKey("dataset.rows", ValueType.INT, null, greaterThan(0),
                    "Rows to generate before the split (generators, default 10000) or to keep from the "
                            + "start of the training file (files, default all)."),
            new JobKey("dataset.features", ValueType.INT, null, greaterThan(0),
                    "LIBSVM: declared feature count (default: largest index seen); rcv1-like: vocabulary "
                            + "size (default 47236); blobs: dimensions (default 2)."),
            new JobKey("dataset.classes", ValueType.INT, null, greaterThan(0),
                    "blobs: number of clusters (default 3); files: expected class count (default: from "
                            + "the labels)."),
            new JobKey("dataset.testFraction", ValueType.DOUBLE, null, between(0.0, 0.9),
                    "Fraction of rows held out for testing when there is no test file (default 0.2)."),
            new JobKey("dataset.seed", ValueType.LONG, null, any(),
                    "Seed of the generator and of the train/test split. Unset: the job's `seed`."),
            new JobKey("dataset.layout", ValueType.STRING, null, oneOf("auto", "dense", "sparse"),
                    "LIBSVM: in-memory layout (default auto: sparse below 25% density)."),
            new JobKey("dataset.scale", ValueType.BOOLEAN, null, any(),
                    "IDX and Fashion-MNIST: scale pixels to [0, 1] (default true)."),
            new JobKey("dataset.labelColumn", ValueType.INT, null, any(),
                    "CSV: zero-based label column, negative counts from the end (default 0)."),
            new JobKey("dataset.header", ValueType.BOOLEAN, null, any(),
                    "CSV: skip the first line (default false)."),
            new JobKey("model.type", ValueType.STRING, "logistic",
                    oneOf("logistic", "svm", "softmax", "mlp", "kmeans"),
                    "Logistic regression, linear SVM (hinge), softmax regression, multi-layer perceptron "
                            + "(ReLU hidden layers, softmax output) or k-means."),
            new JobKey("model.hidden", ValueType.INT_LIST, List.of(128), allAtLeast(1),
                    "Hidden layer widths of the MLP."),
            new JobKey("model.k", ValueType.INT, 10, between(1, 100_000), "Number of clusters for k-means."),
            new JobKey("model.l2", ValueType.DOUBLE, 0.0, between(0, Double.POSITIVE_INFINITY),
                    "L2 regularisation strength: the objective adds (l2 / 2) ||w||^2."),
            new JobKey("algorithm.type", ValueType.STRING, "ga-sgd", oneOf("ga-sgd", "kmeans"),
                    "Distributed algorithm: gradient averaging SGD (every batch), or distributed k-means "
                            + "(cluster statistics summed every iteration)."),
            new JobKey("algorithm.optimizer", ValueType.STRING, "sgd", oneOf("sgd", "momentum", "adam"),
                    "Update rule applied to the averaged gradient."),
            new JobKey("algorithm.learningRate", ValueType.DOUBLE, 0.1, greaterThan(0), "Step size."),
            new JobKey("algorithm.momentum", ValueType.DOUBLE, 0.9, between(0, 0.9999),
                    "Momentum coefficient (optimizer `momentum`)."),
            new JobKey("algorithm.batchSize", ValueType.INT, 256, between(1, 10_000_000),
                    "Examples per worker per step; the global batch is `workers` times this."),
            new JobKey("algorithm.epochs", ValueType.INT, 5, between(1, 1_000_000),
                    "Passes over the training data (k-means: iterations)."),
            new JobKey("algorithm.targetLoss", ValueType.DOUBLE, null, any(),
                    "Stop early once the epoch's training loss is at or below this value."),
            new JobKey("workers", ValueType.INT, 4, between(1, 10_000), "Number of worker functions."),
            new JobKey("protocol", ValueType.STRING, "lambdaml", oneOf("lambdaml"),
                    "Protocol family: storage-channel SGD as in LambdaML."),
            new JobKey("pattern", ValueType.STRING, "allreduce", oneOf("allreduce", "scatter-reduce"),
                    "Communication pattern under BSP: AllReduce through one reducer (rank 0), or "
                            + "ScatterReduce, where each worker reduces 1/N of the vector."),
            new JobKey("sync", ValueType.STRING, "bsp", oneOf("bsp", "asp"),
                    "Synchronisation: bulk-synchronous (every worker waits for the merged update each "
                            + "step), or asynchronous (each worker reads, updates and writes back one shared "
                            + "model without waiting; concurrent updates may be lost, as in LambdaML)."),
            new JobKey("channel", ValueType.STRING, "memory:",
                    channelUri(uriWithScheme("memory:", "file:", "redis://", "rediss://", "memcached://", "s3://", "dynamodb://")),
                    "Storage through which the workers exchange everything."),
            new JobKey("platform.type", ValueType.STRING, "threads", oneOf("threads", "processes", "lambda"),
                    "Where worker functions run: threads in this JVM, one JVM process per invocation "
                            + "(killable like a real function), or AWS Lambda (see docs/LAMBDA.md)."),
            new JobKey("platform.memoryMb", ValueType.INT, 1024, between(128, 10_240),
                    "Memory of each function, as on AWS Lambda; it sets the billed GB-seconds."),
            new JobKey("platform.timeoutSeconds", ValueType.INT, 900, between(1, 900),
                    "Time limit of one invocation (AWS Lambda allows at most 900). A worker checkpoints "
                            + "and invokes its successor before it."),
            new JobKey("platform.coldStartMillis", ValueType.INT, 250, between(0, 600_000),
                    "Local platforms: extra start-up of a new container, standing in for a FaaS cold start."),
            new JobKey("platform.concurrency", ValueType.INT, null, between(1, 100_000),
                    "Invocations running at once; more wait in a queue. Unset: the larger of 16 and twice "
                            + "`workers` (BSP needs every worker running, plus room for successors)."),
            new JobKey("platform.maxRestarts", ValueType.INT, 3, between(0, 1000),
                    "How often one worker may die and be re-invoked from its checkpoint before the run fails."),
            new JobKey("platform.region", ValueType.STRING, "us-east-1", any(), "Lambda: AWS region."),
            new JobKey("platform.endpoint", ValueType.STRING, null, any(),
                    "Lambda: endpoint override, for a Lambda-compatible server (unset: AWS)."),
            new JobKey("platform.functionName", ValueType.STRING, "cumulus-{memoryMb}", any(),
                    "Lambda: deployed function name; `{memoryMb}` and `{function}` are replaced."),
            new JobKey("seed", ValueType.LONG, 42L, any(),
                    "Master seed: data order, initial parameters and generators derive from it.")));

    private final Map<String, JobKey> keys;

    public JobSchema(List<JobKey> keys) {
        Map<String, JobKey> byName = new LinkedHashMap<>();
        for (JobKey k : keys) {
            if (byName.put(k.name(), k) != null) {
                throw new IllegalArgumentException("key declared twice: " + k.name());
            }
        }
        this.keys = Collections.unmodifiableMap(byName);
    }

    public List<JobKey> keys() {
        return List.copyOf(keys.values());
    }

    public Optional<JobKey> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    /** Whether {@code prefix} names a section (such as {@code dataset}) rather than a key. */
    public boolean isSection(String prefix) {
        return keys.keySet().stream().anyMatch(k -> k.startsWith(prefix + "."));
    }

    /** The declared key closest in spelling to an unknown one, for "did you mean" hints. */
    public Optional<String> closest(String unknown) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : keys.keySet()) {
            int d = editDistance(unknown.toLowerCase(), name.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = name;
            }
        }
        return bestDistance <= Math.max(2, unknown.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** The reference documentation, generated from the declaration (this is docs/JOB.md). */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Job file reference\n\n")
                .append("<!-- Generated from dev.cumulus.engine.job.JobSchema by `cumulus job-doc`; ")
                .append("do not edit by hand. -->\n\n")
                .append("A job is a YAML file; nested sections map to the dotted keys below ")
                .append("(`algorithm: { learningRate: 0.05 }` sets `algorithm.learningRate`). ")
                .append("Any key can be overridden on the command line with `--set key=value`. ")
                .append("An unknown key is an error, so a typo never trains a different job.\n");
        String section = null;
        for (JobKey k : keys.values()) {
            if (!k.section().equals(section)) {
                section = k.section();
                md.append("\n## `").append(section).append("`\n\n")
                        .append("| key | type | default | valid values | meaning |\n")
                        .append("| --- | --- | --- | --- | --- |\n");
            }
            String valid = k.validator().describe();
            md.append("| `").append(k.name()).append("` | ").append(k.type().expected())
                    .append(" | ").append(k.defaultValue() == null ? "unset" : "`" + k.defaultValue() + "`")
                    .append(" | ").append(valid.isEmpty() ? "any" : valid)
                    .append(" | ").append(k.doc()).append(" |\n");
        }
        return md.toString();
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Names of every key, in declaration order. */
    public List<String> names() {
        return new ArrayList<>(keys.keySet());
    }
}
