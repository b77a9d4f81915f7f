package dev.cumulus.aggregate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the {@link Aggregator} an {@link AggregatorSpec} describes, and declares which rules,
 * pre-aggregators and parameters exist (with their defaults).
 *
 * <p>Rules and parameters (defaults in brackets): {@code mean}; {@code median}; {@code trimmed-mean};
 * {@code meamed}; {@code geomed} (nu [0.1], iterations [3], tolerance [0]); {@code krum}
 * (neighbourOffset [2]); {@code multi-krum} (neighbourOffset [2], selectedOffset [0]); {@code bulyan};
 * {@code cc} (tau [100], iterations [1]); {@code mda} (maxSubsets [1e6]); {@code smea} (maxSubsets [1e6]); {@code monna}
 * (trustedIndex [0]). Pre-aggregators: {@code nnm}; {@code arc}; {@code bucketing} (size [2], seed [0]);
 * {@code clipping} (threshold [2]).
 */
public final class Aggregators {
    private Aggregators() {
    }

    private interface RuleBuilder {
        Aggregator build(int f, SpecParameters p);
    }

    private interface PreBuilder {
        PreAggregator build(int f, SpecParameters p);
    }

    private record Entry<B>(Set<String> parameters, B builder) {
    }

    private static final Map<String, Entry<RuleBuilder>> RULE_TABLE = new TreeMap<>(Map.ofEntries(
            Map.entry(Mean.NAME, new Entry<RuleBuilder>(Set.of(), (f, p) -> new Mean())),
            Map.entry(CoordinateMedian.NAME, new Entry<RuleBuilder>(Set.of(), (f, p) -> new CoordinateMedian(f))),
            Map.entry(TrimmedMean.NAME, new Entry<RuleBuilder>(Set.of(), (f, p) -> new TrimmedMean(f))),
            Map.entry(MeanAroundMedian.NAME, new Entry<RuleBuilder>(Set.of(), (f, p) -> new MeanAroundMedian(f))),
            Map.entry(GeometricMedian.NAME, new Entry<RuleBuilder>(Set.of("nu", "iterations", "tolerance"),
                    (f, p) -> new GeometricMedian(p.real("nu", 0.1), p.smallInteger("iterations", 3), p.real("tolerance", 0)))),
            Map.entry(Krum.NAME, new Entry<RuleBuilder>(Set.of("neighbourOffset"),
                    (f, p) -> new Krum(f, p.smallInteger("neighbourOffset", 2)))),
            Map.entry(MultiKrum.NAME, new Entry<RuleBuilder>(Set.of("neighbourOffset", "selectedOffset"),
                    (f, p) -> new MultiKrum(f, p.smallInteger("neighbourOffset", 2), p.smallInteger("selectedOffset", 0)))),
            Map.entry(Bulyan.NAME, new Entry<RuleBuilder>(Set.of(), (f, p) -> new Bulyan(f))),
            Map.entry(CenteredClipping.NAME, new Entry<RuleBuilder>(Set.of("tau", "iterations"),
                    (f, p) -> new CenteredClipping(p.real("tau", 100), p.smallInteger("iterations", 1)))),
            Map.entry(MinimumDiameterAveraging.NAME, new Entry<RuleBuilder>(Set.of("maxSubsets"),
                    (f, p) -> new MinimumDiameterAveraging(f, p.integer("maxSubsets", MinimumDiameterAveraging.DEFAULT_MAX_SUBSETS)))),
            Map.entry(SmallestMaxEigenvalueAveraging.NAME, new Entry<RuleBuilder>(Set.of("maxSubsets"),
                    (f, p) -> new SmallestMaxEigenvalueAveraging(f, p.integer("maxSubsets", MinimumDiameterAveraging.DEFAULT_MAX_SUBSETS)))),
            Map.entry(Monna.NAME, new Entry<RuleBuilder>(Set.of("trustedIndex"),
                    (f, p) -> new Monna(f, p.smallInteger("trustedIndex", 0))))));

    private static final Map<String, Entry<PreBuilder>> PRE_TABLE = new TreeMap<>(Map.of(
            NearestNeighbourMixing.NAME, new Entry<PreBuilder>(Set.of(), (f, p) -> new NearestNeighbourMixing(f)),
            AdaptiveRobustClipping.NAME, new Entry<PreBuilder>(Set.of(), (f, p) -> new AdaptiveRobustClipping(f)),
            Bucketing.NAME, new Entry<PreBuilder>(Set.of("size", "seed"),
                    (f, p) -> new Bucketing(p.smallInteger("size", 2), p.integer("seed", 0))),
            StaticClipping.NAME, new Entry<PreBuilder>(Set.of("threshold"),
                    (f, p) -> new StaticClipping(p.real("threshold", 2.0)))));

    /** The rule names a spec accepts, sorted. */
    public static final Set<String> RULES = Collections.unmodifiableSortedSet(new TreeSet<>(RULE_TABLE.keySet()));
    /** The pre-aggregator names a spec accepts, sorted. */
    public static final Set<String> PRE_AGGREGATORS = Collections.unmodifiableSortedSet(new TreeSet<>(PRE_TABLE.keySet()));

    /** A fresh aggregator (fresh state for the stateful ones: cc, bucketing) for {@code spec}. */
    public static Aggregator create(AggregatorSpec spec) {
        Aggregator rule = RULE_TABLE.get(spec.rule()).builder().build(spec.f(), new SpecParameters(spec.rule(), spec.parameters()));
        if (spec.preAggregators().isEmpty()) {
            return rule;
        }
        List<PreAggregator> stages = new ArrayList<>();
        for (PreAggregatorSpec pre : spec.preAggregators()) {
            stages.add(PRE_TABLE.get(pre.name()).builder().build(spec.f(), new SpecParameters(pre.name(), pre.parameters())));
        }
        return new ComposedAggregator(stages, rule);
    }

    static void checkRule(String rule, Map<String, Double> parameters) {
        Entry<RuleBuilder> entry = RULE_TABLE.get(rule);
        if (entry == null) {
            throw new IllegalArgumentException("Invalid value " + rule + " for aggregator.rule: expected one of "
                    + String.join(", ", RULES));
        }
        new SpecParameters(rule, parameters).requireOnly("aggregator rule", entry.parameters());
    }

    static void checkPreAggregator(String name, Map<String, Double> parameters) {
        Entry<PreBuilder> entry = PRE_TABLE.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("Invalid value " + name + " for aggregator pre-aggregator: expected one of "
                    + String.join(", ", PRE_AGGREGATORS));
        }
        new SpecParameters(name, parameters).requireOnly("pre-aggregator", entry.parameters());
    }
}
