package dev.cumulus.aggregate;

/**
 * A step that maps n input vectors to n' vectors before an {@link Aggregator} sees them (mixing,
 * bucketing, clipping), composable in front of any rule with {@link ComposedAggregator}.
 *
 * <p>Like aggregators, pre-aggregators never modify their inputs.
 */
public interface PreAggregator {

    /** What this step requires of the number of inputs. */
    Precondition precondition();

    /** How many vectors {@link #apply} returns for {@code inputs} vectors. */
    default int outputCount(int inputs) {
        return inputs;
    }

    /** The fewest inputs for which {@link #apply} returns at least {@code outputs} vectors. */
    default int inputsFor(int outputs) {
        return outputs;
    }

    /** Maps {@code inputs} (rows of equal length) to new rows of the same length. */
    float[][] apply(float[][] inputs);
}
