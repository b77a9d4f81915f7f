package dev.cumulus.attack;

import dev.cumulus.aggregate.AggregatorSpec;
import dev.cumulus.aggregate.Aggregators;
import dev.cumulus.aggregate.SpecParameters;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds the {@link Attack} an {@link AttackSpec} describes, and declares which attacks and
 * parameters exist. Attacks and parameters (defaults in brackets): {@code sign-flip}; {@code ipm}
 * (epsilon [0.1]); {@code alie} (z [the paper's z(n, f)], direction [-1]); {@code gaussian}
 * (mean [0], standardDeviation [1]); {@code mimic} (honestIndex [0]); {@code inf}; {@code nan}; and,
 * tuned against the defence they face, {@code optimal-alie} (direction [-1], evaluations [20]) and
 * {@code optimal-ipm} (evaluations [20]). Label flipping is a data attack and lives in {@link LabelFlip}.
 */
public final class Attacks {
    private Attacks() {
    }

    /** Builds an attack from its parameters and the defence (which only the adaptive attacks use). */
    private interface Builder {
        Attack build(SpecParameters p, AggregatorSpec defence);
    }

    private record Entry(Set<String> parameters, boolean adaptive, Builder builder) {
    }

    private static Entry fixed(Set<String> parameters, Function<SpecParameters, Attack> builder) {
        return new Entry(parameters, false, (p, defence) -> builder.apply(p));
    }

    private static final Map<String, Entry> TABLE = new TreeMap<>(Map.of(
            SignFlip.NAME, fixed(Set.of(), p -> new SignFlip()),
            InnerProductManipulation.NAME, fixed(Set.of("epsilon"), p -> new InnerProductManipulation(p.real("epsilon", 0.1))),
            LittleIsEnough.NAME, fixed(Set.of("z", "direction"),
                    p -> new LittleIsEnough(p.has("z") ? p.real("z", 0) : null, p.smallInteger("direction", -1))),
            GaussianNoise.NAME, fixed(Set.of("mean", "standardDeviation"),
                    p -> new GaussianNoise(p.real("mean", 0), p.real("standardDeviation", 1))),
            Mimic.NAME, fixed(Set.of("honestIndex"), p -> new Mimic(p.smallInteger("honestIndex", 0))),
            NonFiniteValues.INF, fixed(Set.of(), p -> new NonFiniteValues(Float.POSITIVE_INFINITY)),
            NonFiniteValues.NAN, fixed(Set.of(), p -> new NonFiniteValues(Float.NaN)),
            OptimisedScale.ALIE_NAME, new Entry(Set.of("direction", "evaluations"), true,
                    (p, defence) -> new OptimisedScale(OptimisedScale.Family.ALIE, p.smallInteger("direction", -1),
                            () -> Aggregators.create(defence), p.smallInteger("evaluations", 20))),
            OptimisedScale.IPM_NAME, new Entry(Set.of("evaluations"), true,
                    (p, defence) -> new OptimisedScale(OptimisedScale.Family.IPM, -1,
                            () -> Aggregators.create(defence), p.smallInteger("evaluations", 20)))));

    /** Every attack name a spec accepts, sorted. */
    public static final Set<String> NAMES = Collections.unmodifiableSortedSet(new TreeSet<>(TABLE.keySet()));

    /**
     * The attack {@code spec} names. The adaptive attacks ({@code optimal-alie}, {@code optimal-ipm})
     * need the defence they face: build those with {@link #create(AttackSpec, AggregatorSpec)}.
     */
    public static Attack create(AttackSpec spec) {
        Entry entry = TABLE.get(spec.name());
        if (entry.adaptive()) {
            throw new IllegalArgumentException("attack " + spec.name() + " tunes itself against the defence it faces: build it"
                    + " with Attacks.create(spec, defence)");
        }
        return entry.builder().build(new SpecParameters(spec.name(), spec.parameters()), null);
    }

    /**
     * The attack {@code spec} names, facing {@code defence}: the adaptive attacks probe fresh
     * instances of the defence; the others ignore it.
     */
    public static Attack create(AttackSpec spec, AggregatorSpec defence) {
        Objects.requireNonNull(defence, "defence");
        return TABLE.get(spec.name()).builder().build(new SpecParameters(spec.name(), spec.parameters()), defence);
    }

    static void check(String name, Map<String, Double> parameters) {
        Entry entry = TABLE.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("Invalid value " + name + " for attack.name: expected one of " + String.join(", ", NAMES));
        }
        new SpecParameters(name, parameters).requireOnly("attack", entry.parameters());
    }
}
