package dev.cumulus.model;

/** Builds the gradient-trained {@link Model} a {@link ModelSpec} describes for a given data shape. */
public final class Models {
    private Models() {
    }

    /**
     * Multiply-adds of training (rows x features x outputs x epochs) from which {@code model.kernels:
     * auto} takes the vector kernels. Compiling them costs about 0.5 s of CPU in each JVM that trains
     * (their warm-up, and the JIT's work on the Vector API); they then save about 0.75 ns a multiply-add
     * against the scalar kernels (docs/bench/kernels.md). An lr-1m run (1M x 28, 2 workers) for all
     * of its 30 epochs, 0.84e9, took as long either way; run to its target loss, 5 epochs, scalar
     * took 0.35-0.5 s less CPU (docs/bench/peers.md).
     */
    public static final double VECTOR_MULTIPLY_ADDS = 1e9;

    /** Whether this JVM can run the Vector API kernels (the module is there and the CPU has 256-bit vectors). */
    public static boolean vectorKernels() {
        return LinearKernels.VECTORIZED;
    }

    /** Whether a model of {@code spec} runs on the Vector API kernels: unless scalar is asked for, where they run. */
    public static boolean vectorKernels(ModelSpec spec) {
        return LinearKernels.VECTORIZED && !spec.kernels().equals(ModelSpec.SCALAR);
    }

    /**
     * {@code spec} with {@code model.kernels: auto} made vector or scalar for a job that trains for
     * {@code epochs} over {@code rows} x {@code features} (see {@link #VECTOR_MULTIPLY_ADDS}); an
     * MLP's is vector, where the vector kernels run; an explicit choice stays as it is.
     */
    public static ModelSpec resolveKernels(ModelSpec spec, long rows, int features, int classes, int epochs) {
        if (!spec.kernels().equals(ModelSpec.AUTO)) {
            return spec;
        }
        if (!LinearKernels.VECTORIZED) {
            return spec.withKernels(ModelSpec.SCALAR);
        }
        int outputs = spec.type().equals("softmax") ? classes : 1;
        double multiplyAdds = (double) rows * features * outputs * epochs;
        boolean vector = spec.type().equals("mlp") || multiplyAdds >= VECTOR_MULTIPLY_ADDS;
        return spec.withKernels(vector ? ModelSpec.VECTOR : ModelSpec.SCALAR);
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
        boolean vector = vectorKernels(spec);
        switch (spec.type()) {
            case "logistic":
                requireBinary(spec, classes);
                return new LogisticRegression(features, spec.l2(), vector);
            case "svm":
                requireBinary(spec, classes);
                return new LinearSvm(features, spec.l2(), vector);
            case "softmax":
                requireMulticlass(spec, classes);
                return new SoftmaxRegression(features, classes, spec.l2(), vector);
            case "mlp":
                requireMulticlass(spec, classes);
                return new Mlp(features, spec.hidden(), classes, spec.l2(), vector);
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
