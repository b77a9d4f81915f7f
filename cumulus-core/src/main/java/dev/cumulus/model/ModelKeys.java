package dev.cumulus.model;

import static dev.cumulus.config.Validator.allAtLeast;
import static dev.cumulus.config.Validator.between;
import static dev.cumulus.config.Validator.oneOf;

import dev.cumulus.config.ConfigKey;
import dev.cumulus.config.ValueType;
import java.util.List;

/** The {@code model} section of a job, declared beside {@link ModelSpec}, which binds it. */
public final class ModelKeys {
    public static final ConfigKey TYPE = new ConfigKey("model.type", ValueType.STRING, "logistic",
            oneOf(ModelSpec.TYPE_ORDER.toArray(String[]::new)),
            "Logistic regression, linear SVM (hinge), softmax regression, multi-layer perceptron "
                    + "(ReLU hidden layers, softmax output) or k-means.");
    public static final ConfigKey HIDDEN = new ConfigKey("model.hidden", ValueType.INT_LIST, List.of(128),
            allAtLeast(1), "Hidden layer widths of the MLP (mlp only).");
    public static final ConfigKey K = new ConfigKey("model.k", ValueType.INT, 10, between(1, 100_000),
            "Number of clusters (kmeans only).");
    public static final ConfigKey L2 = new ConfigKey("model.l2", ValueType.DOUBLE, 0.0,
            between(0, Double.POSITIVE_INFINITY),
            "L2 regularisation strength: the objective adds (l2 / 2) ||w||^2.");

    /** Every key of the section, in the order the reference lists them. */
    public static final List<ConfigKey> KEYS = List.of(TYPE, HIDDEN, K, L2);

    private ModelKeys() {
    }
}
