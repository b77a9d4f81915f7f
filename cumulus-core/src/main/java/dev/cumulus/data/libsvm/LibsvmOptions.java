package dev.cumulus.data.libsvm;

import dev.cumulus.data.FeatureLayout;
import dev.cumulus.data.LabelMap;
import java.util.Objects;

/**
 * How to read a LIBSVM file.
 *
 * @param features the number of features, or null to use the largest index in the file; when
 *     given, an index beyond it is an error
 * @param layout dense, sparse, or chosen from the density ({@link FeatureLayout#AUTO})
 * @param labelMap the label mapping to use (e.g. the training file's, for a test file), or null to
 *     infer it with {@link LabelMap#infer}
 * @param classes the expected number of classes when inferring, or null
 * @param maxRows read at most this many examples (the rest of the file is not read), or null for all
 */
public record LibsvmOptions(Integer features, FeatureLayout layout, LabelMap labelMap, Integer classes, Integer maxRows) {

    public LibsvmOptions {
        Objects.requireNonNull(layout, "layout");
        if (features != null && features < 1) {
            throw new IllegalArgumentException("features must be at least 1, got " + features);
        }
        if (classes != null && classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, got " + classes);
        }
        if (maxRows != null && maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        }
        if (labelMap != null && classes != null && labelMap.numClasses() != classes) {
            throw new IllegalArgumentException("label map has " + labelMap.numClasses() + " classes but classes = " + classes);
        }
    }

    /** Features inferred, layout chosen from density, labels inferred, every row. */
    public static LibsvmOptions defaults() {
        return new LibsvmOptions(null, FeatureLayout.AUTO, null, null, null);
    }

    public LibsvmOptions withFeatures(Integer n) {
        return new LibsvmOptions(n, layout, labelMap, classes, maxRows);
    }

    public LibsvmOptions withLayout(FeatureLayout l) {
        return new LibsvmOptions(features, l, labelMap, classes, maxRows);
    }

    public LibsvmOptions withLabelMap(LabelMap m) {
        return new LibsvmOptions(features, layout, m, classes, maxRows);
    }

    public LibsvmOptions withClasses(Integer k) {
        return new LibsvmOptions(features, layout, labelMap, k, maxRows);
    }

    public LibsvmOptions withMaxRows(Integer n) {
        return new LibsvmOptions(features, layout, labelMap, classes, n);
    }
}
