package dev.cumulus.aggregate;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The named numeric parameters of one configured component (a rule, a pre-aggregator, an attack),
 * read with defaults; every error names the component, the parameter and the value.
 *
 * @param component the component's name, e.g. {@code krum}, used as the key prefix in messages
 * @param values    the parameters the job gave; copied
 */
public record SpecParameters(String component, Map<String, Double> values) {

    public SpecParameters {
        values = Map.copyOf(values);
    }

    /** Fails naming the first parameter outside {@code allowed}, and listing the allowed ones. */
    public void requireOnly(String kind, Set<String> allowed) {
        for (String key : new TreeSet<>(values.keySet())) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("Invalid parameter " + key + " for " + kind + " " + component + ": expected "
                        + (allowed.isEmpty() ? "no parameters" : "one of " + String.join(", ", new TreeSet<>(allowed))));
            }
        }
    }

    public double real(String name, double defaultValue) {
        Double v = values.get(name);
        return v == null ? defaultValue : v;
    }

    /** An integer parameter; a fractional or out-of-range value is an error naming it. */
    public long integer(String name, long defaultValue) {
        Double v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v != Math.rint(v) || Math.abs(v) > 9.007199254740992E15) {
            throw new IllegalArgumentException("Invalid value " + v + " for " + component + "." + name + ": expected an integer");
        }
        return v.longValue();
    }

    public int smallInteger(String name, int defaultValue) {
        long v = integer(name, defaultValue);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Invalid value " + v + " for " + component + "." + name + ": out of range for an int");
        }
        return (int) v;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }
}
