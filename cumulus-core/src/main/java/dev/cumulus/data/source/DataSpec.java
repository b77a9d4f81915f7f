package dev.cumulus.data.source;

import dev.cumulus.data.FeatureLayout;
import dev.cumulus.data.generate.HiggsLike;
import dev.cumulus.data.generate.Rcv1Like;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What data a job trains and tests on: the {@code dataset} section of a job file, validated and
 * with defaults filled in when constructed, so a spec that exists is one {@link DataSources#load}
 * can act on (files may still be missing or malformed).
 *
 * <p>Fields, and the sources that use them (setting a field a source does not use is an error):
 * <ul>
 *   <li>{@code source}: fashion-mnist | libsvm | idx | csv | binary | higgs-like | rcv1-like | blobs.</li>
 *   <li>{@code path}: the data file (libsvm, csv, binary; required); the images file (idx; required); the
 *       directory of the four IDX files (fashion-mnist; default {@link FashionMnist#DEFAULT_DIR}).</li>
 *   <li>{@code labelsPath}, {@code testLabelsPath} (idx): label files; default found from the image
 *       file names by {@link dev.cumulus.data.idx.IdxReader#labelsFor}.</li>
 *   <li>{@code testPath} (libsvm, idx, csv, binary): a separate test file, read with the training file's
 *       label map and feature count; without it the test set is a random split.</li>
 *   <li>{@code rows}: generators: total rows before the split (default 10,000); files: use only
 *       the first {@code rows} training examples (default all).</li>
 *   <li>{@code seed}: generator and split seed (default 42).</li>
 *   <li>{@code testFraction}: share of rows held out when there is no test file, in (0, 1)
 *       (default 0.2; not for fashion-mnist, whose test set is t10k, nor with testPath).</li>
 *   <li>{@code features}: libsvm: declared feature count (default: largest index); rcv1-like:
 *       vocabulary size (default 47,236); blobs: dimensions (default 2); higgs-like: 28 only.</li>
 *   <li>{@code classes}: blobs: k (default 3); libsvm, csv, idx, binary: expected number of classes
 *       (default: from the labels); fashion-mnist: 10 only; higgs-like, rcv1-like: 2 only.</li>
 *   <li>{@code layout} (libsvm): auto | dense | sparse (default auto).</li>
 *   <li>{@code scale} (idx, fashion-mnist): pixels to [0, 1] (default true).</li>
 *   <li>{@code labelColumn} (csv): zero-based, negative from the end (default 0);
 *       {@code header} (csv): skip the first line (default false).</li>
 * </ul>
 */
public record DataSpec(String source, Path path, Path labelsPath, Path testPath, Path testLabelsPath, Integer rows,
                       Long seed, Double testFraction, Integer features, Integer classes, FeatureLayout layout,
                       Boolean scale, Integer labelColumn, Boolean header) {

    public static final String FASHION_MNIST = "fashion-mnist";
    public static final String LIBSVM = "libsvm";
    public static final String IDX = "idx";
    public static final String CSV = "csv";
    /** The binary dataset format of docs/DATA-FORMAT.md ({@code cumulus data convert} writes it). */
    public static final String BINARY = "binary";
    public static final String HIGGS_LIKE = "higgs-like";
    public static final String RCV1_LIKE = "rcv1-like";
    public static final String BLOBS = "blobs";
    public static final List<String> SOURCES = List.of(FASHION_MNIST, LIBSVM, IDX, CSV, BINARY, HIGGS_LIKE, RCV1_LIKE,
            BLOBS);

    public static final long DEFAULT_SEED = 42;
    public static final double DEFAULT_TEST_FRACTION = 0.2;
    public static final int DEFAULT_GENERATED_ROWS = 10_000;
    public static final int DEFAULT_BLOBS_K = 3;
    public static final int DEFAULT_BLOBS_DIMS = 2;

    private static final Set<String> FILE_SOURCES = Set.of(LIBSVM, IDX, CSV, BINARY);
    private static final Set<String> GENERATORS = Set.of(HIGGS_LIKE, RCV1_LIKE, BLOBS);

    /** Validates every field and fills in the defaults. */
    public DataSpec {
        if (source == null || !SOURCES.contains(source)) {
            throw new InvalidDataSpecException("source", source, "expected one of " + String.join(", ", SOURCES));
        }
        boolean file = FILE_SOURCES.contains(source);
        boolean generated = GENERATORS.contains(source);
        if (file && path == null) {
            throw new InvalidDataSpecException("path", null, "source " + source + " needs the path of its data file");
        }
        onlyFor("path", path, !generated, source);
        onlyFor("labelsPath", labelsPath, source.equals(IDX), source);
        onlyFor("testLabelsPath", testLabelsPath, source.equals(IDX), source);
        if (testLabelsPath != null && testPath == null) {
            throw new InvalidDataSpecException("testLabelsPath", testLabelsPath, "needs testPath (the test images)");
        }
        onlyFor("testPath", testPath, file, source);
        if (rows != null && rows < 1) {
            throw new InvalidDataSpecException("rows", rows, "must be at least 1");
        }
        if (generated && rows == null) {
            rows = DEFAULT_GENERATED_ROWS;
        }
        seed = seed == null ? DEFAULT_SEED : seed;
        if (testFraction != null) {
            // 0 would leave no test set, and a run's test metrics would mean nothing.
            if (!(testFraction > 0 && testFraction < 1)) {
                throw new InvalidDataSpecException("testFraction", testFraction, "must be in (0, 1)");
            }
            if (testPath != null) {
                throw new InvalidDataSpecException("testFraction", testFraction,
                        "not used when testPath is given (the test set is that file)");
            }
            onlyFor("testFraction", testFraction, !source.equals(FASHION_MNIST), source);
        } else if (testPath == null && !source.equals(FASHION_MNIST)) {
            testFraction = DEFAULT_TEST_FRACTION;
        }
        features = checkFeatures(source, features);
        classes = checkClasses(source, classes);
        onlyFor("layout", layout, source.equals(LIBSVM), source);
        if (source.equals(LIBSVM) && layout == null) {
            layout = FeatureLayout.AUTO;
        }
        boolean images = source.equals(IDX) || source.equals(FASHION_MNIST);
        onlyFor("scale", scale, images, source);
        if (images && scale == null) {
            scale = true;
        }
        onlyFor("labelColumn", labelColumn, source.equals(CSV), source);
        onlyFor("header", header, source.equals(CSV), source);
        if (source.equals(CSV)) {
            labelColumn = labelColumn == null ? 0 : labelColumn;
            header = header != null && header;
        }
    }

    private static Integer checkFeatures(String source, Integer features) {
        if (features != null && features < 1) {
            throw new InvalidDataSpecException("features", features, "must be at least 1");
        }
        switch (source) {
            case HIGGS_LIKE:
                if (features != null && features != HiggsLike.FEATURES) {
                    throw new InvalidDataSpecException("features", features, "higgs-like has exactly " + HiggsLike.FEATURES);
                }
                return HiggsLike.FEATURES;
            case RCV1_LIKE:
                return features == null ? Rcv1Like.RCV1_FEATURES : features;
            case BLOBS:
                return features == null ? DEFAULT_BLOBS_DIMS : features;
            case LIBSVM:
                return features;
            default:
                onlyFor("features", features, false, source);
                return null;
        }
    }

    private static Integer checkClasses(String source, Integer classes) {
        if (classes != null && classes < 1) {
            throw new InvalidDataSpecException("classes", classes, "must be at least 1");
        }
        switch (source) {
            case HIGGS_LIKE:
            case RCV1_LIKE:
                if (classes != null && classes != 2) {
                    throw new InvalidDataSpecException("classes", classes, source + " is binary (2 classes)");
                }
                return 2;
            case FASHION_MNIST:
                if (classes != null && classes != FashionMnist.CLASSES) {
                    throw new InvalidDataSpecException("classes", classes, "fashion-mnist has 10 classes");
                }
                return FashionMnist.CLASSES;
            case BLOBS:
                return classes == null ? DEFAULT_BLOBS_K : classes;
            default:
                if (source.equals(IDX) && classes != null && classes > 256) {
                    throw new InvalidDataSpecException("classes", classes, "IDX labels are bytes: at most 256 classes");
                }
                return classes;
        }
    }

    private static void onlyFor(String field, Object value, boolean used, String source) {
        if (value != null && !used) {
            throw new InvalidDataSpecException(field, value, "not used by source " + source);
        }
    }

    /** Whether the test set is cut from the training data at random. */
    public boolean splitsAtRandom() {
        return testPath == null && !source.equals(FASHION_MNIST);
    }

    /** A builder for the given source. */
    public static Builder builder(String source) {
        return new Builder(source);
    }

    /** The keys {@link #fromMap} accepts. */
    public static final List<String> KEYS = List.of("source", "path", "labelsPath", "testPath", "testLabelsPath", "rows",
            "seed", "testFraction", "features", "classes", "layout", "scale", "labelColumn", "header");

    /**
     * Builds a spec from a parsed job-file section (values as YAML parsers give them: strings,
     * numbers, booleans). {@code k} is accepted as an alias of {@code classes}.
     *
     * @throws InvalidDataSpecException naming the first bad key or value
     */
    public static DataSpec fromMap(Map<String, ?> map) {
        Map<String, Object> m = new LinkedHashMap<>(map);
        if (m.containsKey("k")) {
            if (m.containsKey("classes")) {
                throw new InvalidDataSpecException("k", m.get("k"), "give classes or k, not both");
            }
            m.put("classes", m.remove("k"));
        }
        for (String key : m.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidDataSpecException(key, m.get(key), "unknown key; expected one of " + KEYS);
            }
        }
        Object source = m.get("source");
        Builder b = builder(source == null ? null : source.toString());
        b.path = MapValues.path(m, "path");
        b.labelsPath = MapValues.path(m, "labelsPath");
        b.testPath = MapValues.path(m, "testPath");
        b.testLabelsPath = MapValues.path(m, "testLabelsPath");
        b.rows = MapValues.integer(m, "rows");
        b.seed = MapValues.longValue(m, "seed");
        b.testFraction = MapValues.doubleValue(m, "testFraction");
        b.features = MapValues.integer(m, "features");
        b.classes = MapValues.integer(m, "classes");
        Object layout = m.get("layout");
        if (layout != null) {
            try {
                b.layout = FeatureLayout.parse(layout.toString());
            } catch (IllegalArgumentException e) {
                throw new InvalidDataSpecException("layout", layout, "expected one of "
                        + Arrays.toString(FeatureLayout.values()).toLowerCase());
            }
        }
        b.scale = MapValues.bool(m, "scale");
        b.labelColumn = MapValues.integer(m, "labelColumn");
        b.header = MapValues.bool(m, "header");
        return b.build();
    }

    /** A mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private final String source;
        private Path path;
        private Path labelsPath;
        private Path testPath;
        private Path testLabelsPath;
        private Integer rows;
        private Long seed;
        private Double testFraction;
        private Integer features;
        private Integer classes;
        private FeatureLayout layout;
        private Boolean scale;
        private Integer labelColumn;
        private Boolean header;

        private Builder(String source) {
            this.source = source;
        }

        public Builder path(Path p) { this.path = p; return this; }
        public Builder labelsPath(Path p) { this.labelsPath = p; return this; }
        public Builder testPath(Path p) { this.testPath = p; return this; }
        public Builder testLabelsPath(Path p) { this.testLabelsPath = p; return this; }
        public Builder rows(Integer n) { this.rows = n; return this; }
        public Builder seed(Long s) { this.seed = s; return this; }
        public Builder testFraction(Double f) { this.testFraction = f; return this; }
        public Builder features(Integer n) { this.features = n; return this; }
        public Builder classes(Integer k) { this.classes = k; return this; }
        public Builder layout(FeatureLayout l) { this.layout = l; return this; }
        public Builder scale(Boolean s) { this.scale = s; return this; }
        public Builder labelColumn(Integer c) { this.labelColumn = c; return this; }
        public Builder header(Boolean h) { this.header = h; return this; }

        public DataSpec build() {
            return new DataSpec(source, path, labelsPath, testPath, testLabelsPath, rows, seed, testFraction, features,
                    classes, layout, scale, labelColumn, header);
        }
    }
}
