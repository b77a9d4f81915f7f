package dev.cumulus.model;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The configuration of a model as a job file states it: its type, hidden layer sizes (mlp only),
 * cluster count (kmeans only) and L2 strength.
 *
 * @param type   one of logistic, svm, softmax, mlp, kmeans (case-insensitive, stored lower-case)
 * @param hidden hidden layer sizes, required and non-empty for mlp; null means none
 * @param k      number of clusters, required for kmeans; null otherwise
 * @param l2     L2 regularisation strength (l2 / 2) ||w||^2 over weights, >= 0
 */
public record ModelSpec(String type, List<Integer> hidden, Integer k, double l2) {
    /** The accepted values of {@code model.type}. */
    public static final List<String> TYPE_ORDER = List.of("logistic", "svm", "softmax", "mlp", "kmeans");
    public static final Set<String> TYPES = Set.copyOf(TYPE_ORDER);

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
