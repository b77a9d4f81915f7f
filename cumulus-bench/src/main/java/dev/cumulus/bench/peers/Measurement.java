package dev.cumulus.bench.peers;

/**
 * One whole-process run of one tool on a workload.
 *
 * @param tool           the tool and its variant, such as "scikit-learn L-BFGS" or "Spark MLlib first fit"
 * @param processSeconds from launching the process to the fitted model (NaN when the variant has no
 *                       process of its own, such as Spark's warm fit in the same JVM)
 * @param readSeconds    from the process's start to the training data in memory (the tool's own
 *                       clock; for Cumulus, until the driver invokes the workers: read, fingerprint, staging)
 * @param trainSeconds   the training alone
 * @param trainLoss      mean log loss over the training set, without the penalty
 * @param testAccuracy   accuracy on the test file
 */
public record Measurement(String tool, double processSeconds, double readSeconds, double trainSeconds,
                          double trainLoss, double testAccuracy) {
}
