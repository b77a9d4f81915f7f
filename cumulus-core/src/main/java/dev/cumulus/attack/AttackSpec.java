package dev.cumulus.attack;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration of a model attack as a job file names it, built by {@link Attacks#create}. The
 * name is case-insensitive and stored lower-case; unknown names and parameters fail here, listing
 * the valid ones.
 *
 * @param name       one of {@link Attacks#NAMES}
 * @param parameters the attack's numeric parameters by name (see {@link Attacks})
 */
public record AttackSpec(String name, Map<String, Double> parameters) {

    public AttackSpec {
        Objects.requireNonNull(name, "attack name");
        name = name.toLowerCase(Locale.ROOT);
        parameters = Map.copyOf(parameters);
        Attacks.check(name, parameters);
    }

    /** The attack with its default parameters. */
    public static AttackSpec of(String name) {
        return new AttackSpec(name, Map.of());
    }
}
