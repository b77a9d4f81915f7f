package dev.cumulus.aggregate;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration of one pre-aggregator as a job file names it: {@code nnm}, {@code bucketing}
 * (size, seed), {@code clipping} (threshold) or {@code arc}. NNM and ARC take the f of the rule
 * they precede. Names are case-insensitive and stored lower-case; unknown names and parameters fail here.
 *
 * @param name       the pre-aggregator
 * @param parameters its numeric parameters by name (see {@link Aggregators})
 */
public record PreAggregatorSpec(String name, Map<String, Double> parameters) {

    public PreAggregatorSpec {
        Objects.requireNonNull(name, "pre-aggregator name");
        name = name.toLowerCase(Locale.ROOT);
        parameters = Map.copyOf(parameters);
        Aggregators.checkPreAggregator(name, parameters);
    }

    public static PreAggregatorSpec of(String name) {
        return new PreAggregatorSpec(name, Map.of());
    }
}
