package dev.cumulus.data.source;

import static dev.cumulus.config.Validator.any;
import static dev.cumulus.config.Validator.greaterThan;
import static dev.cumulus.config.Validator.oneOf;
import static dev.cumulus.config.Validator.strictlyBetween;

import dev.cumulus.config.ConfigKey;
import dev.cumulus.config.ValueType;
import java.util.List;

/**
 * The {@code dataset} section of a job, declared beside {@link DataSpec}, which binds it: the
 * sources, bounds and defaults here are DataSpec's own, so the job reference and the checks
 * cannot disagree. Which field a source uses is DataSpec's cross-field check.
 */
public final class DataKeys {
    /** The section's name in a job file. */
    public static final String SECTION = "dataset";

    /** Every key of the section, in the order the reference lists them. */
    public static final List<ConfigKey> KEYS = List.of(
            key("source", ValueType.STRING, DataSpec.HIGGS_LIKE, oneOf(DataSpec.SOURCES.toArray(String[]::new)),
                    "Where the examples come from: a file format (with `dataset.path`), the Fashion-MNIST "
                            + "package, or a seeded generator."),
            key("path", ValueType.STRING, null, any(),
                    "Training file for `libsvm`, `idx` (the images file) and `csv`; for `fashion-mnist`, "
                            + "the directory holding the IDX files (default: the Debian package's)."),
            key("testPath", ValueType.STRING, null, any(),
                    "Held-out file in the same format. Unset: Fashion-MNIST uses its own test set, "
                            + "everything else a seeded split of `dataset.testFraction`."),
            key("labelsPath", ValueType.STRING, null, any(),
                    "IDX labels file of `dataset.path` (default: found from the images file's name)."),
            key("testLabelsPath", ValueType.STRING, null, any(),
                    "IDX labels file of `dataset.testPath` (default: found from its name)."),
            key("rows", ValueType.INT, null, greaterThan(0),
                    "Rows to generate before the split (generators, default " + DataSpec.DEFAULT_GENERATED_ROWS
                            + ") or to keep from the start of the training file (files, default all)."),
            key("features", ValueType.INT, null, greaterThan(0),
                    "LIBSVM: declared feature count (default: largest index seen); rcv1-like: vocabulary "
                            + "size (default 47236); blobs: dimensions (default " + DataSpec.DEFAULT_BLOBS_DIMS + ")."),
            key("classes", ValueType.INT, null, greaterThan(0),
                    "blobs: number of clusters (default " + DataSpec.DEFAULT_BLOBS_K + "); files: expected "
                            + "class count (default: from the labels)."),
            key("testFraction", ValueType.DOUBLE, null, strictlyBetween(0, 1),
                    "Fraction of rows held out for testing when there is no test file (default "
                            + DataSpec.DEFAULT_TEST_FRACTION + "); 0 is refused, since test metrics need a test set."),
            key("seed", ValueType.LONG, null, any(),
                    "Seed of the generator and of the train/test split. Unset: the job's `seed`."),
            key("layout", ValueType.STRING, null, oneOf("auto", "dense", "sparse"),
                    "LIBSVM: in-memory layout (default auto: sparse below 25% density)."),
            key("scale", ValueType.BOOLEAN, null, any(),
                    "IDX and Fashion-MNIST: scale pixels to [0, 1] (default true)."),
            key("labelColumn", ValueType.INT, null, any(),
                    "CSV: zero-based label column, negative counts from the end (default 0)."),
            key("header", ValueType.BOOLEAN, null, any(),
                    "CSV: skip the first line (default false)."));

    private DataKeys() {
    }

    private static ConfigKey key(String field, ValueType type, Object defaultValue,
            dev.cumulus.config.Validator validator, String doc) {
        return new ConfigKey(SECTION + "." + field, type, defaultValue, validator, doc);
    }
}
