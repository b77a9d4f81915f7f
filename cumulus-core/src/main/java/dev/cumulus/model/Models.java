package dev.cumulus.model;

/** Builds the gradient-trained {@link Model} a {@link ModelSpec} describes for a given data shape. */
public final class Models {
    private Models() {
    }

    /** Whether the dense kernels run on the Vector API in this JVM (for provenance). */
    public static boolean vectorKernels() {
        return LinearKernels.VECTORIZED;
    }

    /**
     * Creates the model for data with {@code features} columns and {@code classes} classes.
     *
     * @throws IllegalArgumentException naming the field when the spec does not fit the data
     *                                  (binary models on multi-class data, kmeans, which is not a
     *                                  gradient model: use {@link dev.cumulus.model.kmeans.KMeans})
     */
    public static Model create(ModelSpec spec, int features, int classes) {
        if (features < 1) {
            throw new IllegalArgumentException("Invalid feature count " + features + " for model." + spec.type()
                    + ": the data must have at least one feature column");
        }
        if (spec.k() != null && !spec.type().equals("kmeans") && spec.k() != classes) {
            throw new IllegalArgumentException("Invalid value " + spec.k() + " for model.k: the data has " + classes
                    + " classes (model.k is optional for " + spec.type() + "; omit it or make it match)");
        }
        switch (spec.type()) {
            case "logistic":
                requireBinary(spec, classes);
                return new LogisticRegression(features, spec.l2());
            case "svm":
                requireBinary(spec, classes);
                return new LinearSvm(features, spec.l2());
            case "softmax":
                requireMulticlass(spec, classes);
                return new SoftmaxRegression(features, classes, spec.l2());
            case "mlp":
                requireMulticlass(spec, classes);
                return new Mlp(features, spec.hidden(), classes, spec.l2());
            case "kmeans":
                throw new IllegalArgumentException("Invalid value kmeans for model.type here: k-means is not trained "
                        + "by gradients; the kmeans algorithm uses dev.cumulus.model.kmeans.KMeans");
            default:
                throw new IllegalArgumentException("Invalid value " + spec.type() + " for model.type");
        }
    }

    private static void requireBinary(ModelSpec spec, int classes) {
        if (classes != 2) {
            throw new IllegalArgumentException("Invalid value " + spec.type() + " for model.type: it is a binary "
                    + "classifier but the data has " + classes + " classes (use softmax or mlp)");
        }
    }

    private static void requireMulticlass(ModelSpec spec, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("Invalid value " + spec.type() + " for model.type: the data has "
                    + classes + " class; a classifier needs at least 2");
        }
    }
}
