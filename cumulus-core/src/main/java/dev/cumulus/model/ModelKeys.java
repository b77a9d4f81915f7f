package dev.cumulus.model;

import static dev.cumulus.config.Validator.allAtLeast;
import static dev.cumulus.config.Validator.any;
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

    public static final ConfigKey STANDARDIZE = new ConfigKey("model.standardize", ValueType.BOOLEAN, null, any(),
            "Scale the features before training, fitted on the training set and kept in the model so that "
                    + "evaluation and prediction apply it too (dense: to mean 0 and standard deviation 1; sparse: "
                    + "by the largest absolute value). Unset: on for logistic, svm, softmax and mlp (images too), "
                    + "off for k-means.");

    public static final ConfigKey KERNELS = new ConfigKey("model.kernels", ValueType.STRING, ModelSpec.AUTO,
            oneOf(ModelSpec.KERNELS.toArray(String[]::new)),
            "The dense kernels of logistic, svm, softmax and mlp: vector (the Vector API, 256 bits at a "
                    + "time: about 3x the scalar speed, once about 0.5 s of CPU has compiled them), scalar, or auto: "
                    + "vector for an mlp and for work of 1e9 multiply-adds or more (rows x features x classes, "
                    + "or 1 for binary models, x epochs), scalar below that, where compiling the vector kernels "
                    + "costs more than they save. Either gives the same model to float precision; the run "
                    + "records which ran (provenance.vectorKernels). Vector needs the launcher's "
                    + "--add-modules jdk.incubator.vector and a CPU with 256-bit vectors, else scalar runs.");

    /** Every key of the section, in the order the reference lists them. */
    public static final List<ConfigKey> KEYS = List.of(TYPE, HIDDEN, K, L2, STANDARDIZE, KERNELS);

    private ModelKeys() {
    }
}
