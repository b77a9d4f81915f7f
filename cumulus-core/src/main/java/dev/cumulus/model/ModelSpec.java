package dev.cumulus.model;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The configuration of a model as a job file states it: its type, hidden layer sizes (mlp only),
 * cluster count (kmeans only), L2 strength and which dense kernels compute it.
 *
 * @param type    one of logistic, svm, softmax, mlp, kmeans (case-insensitive, stored lower-case)
 * @param hidden  hidden layer sizes, required and non-empty for mlp; null means none
 * @param k       number of clusters, required for kmeans; null otherwise
 * @param l2      L2 regularisation strength (l2 / 2) ||w||^2 over weights, >= 0
 * @param kernels {@link #AUTO}, {@link #VECTOR} or {@link #SCALAR} (null means auto); a run resolves
 *                auto to one of the others for its data ({@link Models#resolveKernels})
 */
public record ModelSpec(String type, List<Integer> hidden, Integer k, double l2, String kernels) {
    /** The accepted values of {@code model.type}. */
    public static final List<String> TYPE_ORDER = List.of("logistic", "svm", "softmax", "mlp", "kmeans");
    public static final Set<String> TYPES = Set.copyOf(TYPE_ORDER);
    /** {@code model.kernels}: chosen for the run's work. */
    public static final String AUTO = "auto";
    /** {@code model.kernels}: the Vector API kernels, where the JVM and the machine run them. */
    public static final String VECTOR = "vector";
    /** {@code model.kernels}: the scalar kernels. */
    public static final String SCALAR = "scalar";
    /** The accepted values of {@code model.kernels}. */
    public static final List<String> KERNELS = List.of(AUTO, VECTOR, SCALAR);

    /** A spec whose kernels are chosen for the run ({@link #AUTO}). */
    public ModelSpec(String type, List<Integer> hidden, Integer k, double l2) {
        this(type, hidden, k, l2, AUTO);
    }

    public ModelSpec {
        if (type == null || !TYPES.contains(type.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Invalid value " + type + " for model.type: expected one of "
                    + String.join(", ", TYPE_ORDER));
        }
        type = type.toLowerCase(Locale.ROOT);
        hidden = hidden == null ? List.of() : List.copyOf(hidden);
        for (Integer h : hidden) {
            if (h < 1) {
                throw new IllegalArgumentException("Invalid value " + hidden + " for model.hidden: layer sizes must be positive");
            }
        }
        if (type.equals("mlp") && hidden.isEmpty()) {
            throw new IllegalArgumentException("Missing value for model.hidden: type mlp needs at least one hidden layer size, e.g. [128]");
        }
        if (!type.equals("mlp") && !hidden.isEmpty()) {
            throw new IllegalArgumentException("Invalid value " + hidden + " for model.hidden: only type mlp has hidden layers, not " + type);
        }
        if (type.equals("kmeans") && k == null) {
            throw new IllegalArgumentException("Missing value for model.k: type kmeans needs the number of clusters");
        }
        if (k != null && k < 1) {
            throw new IllegalArgumentException("Invalid value " + k + " for model.k: expected a positive number of clusters");
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("Invalid value " + l2 + " for model.l2: expected a finite value >= 0");
        }
        // Written before the key existed (model files, payloads): chosen as for a job that omits it.
        kernels = kernels == null ? AUTO : kernels.toLowerCase(Locale.ROOT);
        if (!KERNELS.contains(kernels)) {
            throw new IllegalArgumentException("Invalid value " + kernels + " for model.kernels: expected one of "
                    + String.join(", ", KERNELS));
        }
    }

    /** This spec with {@code model.kernels} set to {@code kernels}. */
    public ModelSpec withKernels(String kernels) {
        return new ModelSpec(type, hidden, k, l2, kernels);
    }

    /** A spec of the given type with no hidden layers, no k and no regularisation. */
    public static ModelSpec of(String type) {
        return new ModelSpec(type, null, null, 0);
    }

    /** An MLP spec with the given hidden layer sizes and L2 strength. */
    public static ModelSpec mlp(List<Integer> hidden, double l2) {
        return new ModelSpec("mlp", hidden, null, l2);
    }
}
