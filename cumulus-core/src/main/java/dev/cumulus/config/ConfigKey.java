package dev.cumulus.config;

import java.util.Objects;

/**
 * One declared key of the job file: its dotted path, type, default, validation and documentation.
 *
 * @param name dotted path, such as {@code algorithm.learningRate}
 * @param defaultValue the value when the job does not set the key; {@code null} means "unset"
 *     (the key is optional and its absence has a meaning described in {@code doc})
 */
public record ConfigKey(String name, ValueType type, Object defaultValue, Validator validator, String doc) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(doc, "doc");
        if (defaultValue != null && validator.check(type.convert(defaultValue)) != null) {
            throw new IllegalArgumentException("default of " + name + " is itself invalid");
        }
    }

    /** The section a key belongs to: the part before the first dot, or the key itself. */
    public String section() {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
