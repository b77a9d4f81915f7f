package dev.cumulus.attack;

import dev.cumulus.aggregate.SpecParameters;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds the {@link Attack} an {@link AttackSpec} describes, and declares which attacks and
 * parameters exist. Attacks and parameters (defaults in brackets): {@code sign-flip}; {@code ipm}
 * (epsilon [0.1]); {@code alie} (z [the paper's z(n, f)], direction [-1]); {@code gaussian}
 * (mean [0], standardDeviation [1]); {@code mimic} (honestIndex [0]); {@code inf}; {@code nan}.
 * Label flipping is a data attack and lives in {@link LabelFlip}.
 */
public final class Attacks {
    private Attacks() {
    }

    private record Entry(Set<String> parameters, Function<SpecParameters, Attack> builder) {
    }

    private static final Map<String, Entry> TABLE = new TreeMap<>(Map.of(
            SignFlip.NAME, new Entry(Set.of(), p -> new SignFlip()),
            InnerProductManipulation.NAME, new Entry(Set.of("epsilon"), p -> new InnerProductManipulation(p.real("epsilon", 0.1))),
            LittleIsEnough.NAME, new Entry(Set.of("z", "direction"),
                    p -> new LittleIsEnough(p.has("z") ? p.real("z", 0) : null, p.smallInteger("direction", -1))),
            GaussianNoise.NAME, new Entry(Set.of("mean", "standardDeviation"),
                    p -> new GaussianNoise(p.real("mean", 0), p.real("standardDeviation", 1))),
            Mimic.NAME, new Entry(Set.of("honestIndex"), p -> new Mimic(p.smallInteger("honestIndex", 0))),
            NonFiniteValues.INF, new Entry(Set.of(), p -> new NonFiniteValues(Float.POSITIVE_INFINITY)),
            NonFiniteValues.NAN, new Entry(Set.of(), p -> new NonFiniteValues(Float.NaN))));

    /** The attack names a spec accepts, sorted. */
    public static final Set<String> NAMES = Collections.unmodifiableSortedSet(new TreeSet<>(TABLE.keySet()));

    public static Attack create(AttackSpec spec) {
        return TABLE.get(spec.name()).builder().apply(new SpecParameters(spec.name(), spec.parameters()));
    }

    static void check(String name, Map<String, Double> parameters) {
        Entry entry = TABLE.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("Invalid value " + name + " for attack.name: expected one of " + String.join(", ", NAMES));
        }
        new SpecParameters(name, parameters).requireOnly("attack", entry.parameters());
    }
}
