package dev.cumulus.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration of a robust aggregation as a job file names it: a rule, its declared Byzantine
 * count f, the rule's numeric parameters, and the pre-aggregators that run first, in order.
 * {@link Aggregators#create} builds it. The rule name is case-insensitive and stored lower-case;
 * an unknown rule or parameter fails here, listing the valid names.
 *
 * @param rule           one of {@link Aggregators#RULES}
 * @param f              the declared number of Byzantine peers, at least 0
 * @param parameters     the rule's parameters by name (see {@link Aggregators})
 * @param preAggregators applied before the rule, first to last
 */
public record AggregatorSpec(String rule, int f, Map<String, Double> parameters, List<PreAggregatorSpec> preAggregators) {

    public AggregatorSpec {
        Objects.requireNonNull(rule, "aggregator rule");
        rule = rule.toLowerCase(Locale.ROOT);
        if (f < 0) {
            throw new IllegalArgumentException("Invalid value " + f + " for aggregator.f: expected at least 0");
        }
        parameters = Map.copyOf(parameters);
        preAggregators = List.copyOf(preAggregators);
        Aggregators.checkRule(rule, parameters);
    }

    /** The rule with its default parameters and no pre-aggregator. */
    public static AggregatorSpec of(String rule, int f) {
        return new AggregatorSpec(rule, f, Map.of(), List.of());
    }

    /** This spec with {@code pre} appended to its pre-aggregators (so it runs after the ones already there). */
    public AggregatorSpec withPreAggregator(PreAggregatorSpec pre) {
        List<PreAggregatorSpec> chain = new ArrayList<>(preAggregators);
        chain.add(pre);
        return new AggregatorSpec(rule, f, parameters, chain);
    }
}
