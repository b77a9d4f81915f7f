package dev.cumulus.model;

/**
 * A model's objective and accuracy over a dataset.
 *
 * @param loss the mean loss plus the L2 term, as {@link Model#loss}
 * @param accuracy the fraction of rows predicted right, as {@link Model#accuracy} (NaN with no rows)
 */
public record Evaluation(double loss, double accuracy) {
}
