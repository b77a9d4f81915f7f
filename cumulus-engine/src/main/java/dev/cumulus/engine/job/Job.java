package dev.cumulus.engine.job;

import dev.cumulus.config.ConfigKey;
import dev.cumulus.config.Setting;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated job file: every declared key with its value (set, or its default) and where it was
 * set, so that checks made later, when the job is bound, still name the file and line.
 *
 * <p>Instances only come from {@link JobReader} or {@link #fromSettings}, which validate every
 * key on its own; {@link JobSpec#bind} then checks how the keys fit together.
 */
public final class Job {
    private final Map<String, Object> values;
    private final Map<String, String> origins;
    private final String source;

    private Job(Map<String, Object> values, Map<String, String> origins, String source) {
        this.values = Collections.unmodifiableMap(values);
        this.origins = Collections.unmodifiableMap(origins);
        this.source = source;
    }

    /**
     * Resolves settings against the schema: unknown keys and invalid values are errors, unset keys
     * take their defaults. Combinations of keys are checked when the job is bound
     * ({@link JobSpec#bind}).
     *
     * @param source the job file's name, for errors about keys it does not set
     */
    public static Job fromSettings(JobSchema schema, List<Setting> settings, String source) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (ConfigKey k : schema.keys()) {
            resolved.put(k.name(), k.defaultValue() == null ? null : k.type().convert(k.defaultValue()));
        }
        Map<String, String> origins = new LinkedHashMap<>();
        for (Setting s : settings) {
            ConfigKey key = schema.key(s.key()).orElseThrow(() -> unknown(schema, s));
            Object value;
            try {
                value = key.type().convert(s.rawValue());
            } catch (IllegalArgumentException e) {
                throw InvalidJobException.invalid(s.origin(), s.key(), s.rawValue(), e.getMessage());
            }
            if (value == null && key.defaultValue() != null) {
                // "workers: ~" would silently unset a key that every run needs.
                throw InvalidJobException.invalid(s.origin(), s.key(), "null",
                        "a value (" + key.type().expected() + "); remove the line to use the default "
                                + key.defaultValue());
            }
            if (value != null) {
                String problem = key.validator().check(value);
                if (problem != null) {
                    throw InvalidJobException.invalid(s.origin(), s.key(), s.rawValue(), "expected " + problem);
                }
            }
            resolved.put(key.name(), value);
            origins.put(key.name(), s.origin());
        }
        return new Job(resolved, origins, source);
    }

    private static InvalidJobException unknown(JobSchema schema, Setting s) {
        String hint = schema.closest(s.key()).map(c -> " (did you mean '" + c + "'?)").orElse("");
        if (schema.isSection(s.key())) {
            return new InvalidJobException(s.origin() + ": '" + s.key() + "' is a section and needs nested keys, not a value");
        }
        return new InvalidJobException(s.origin() + ": unknown key '" + s.key() + "'" + hint);
    }

    /** Where {@code key} was set ({@code job.yaml line 7}, {@code --set workers}), or the job file's name. */
    public String origin(String key) {
        return origins.getOrDefault(key, source);
    }

    /** Whether the job file or an override set {@code key} (rather than leaving its default). */
    public boolean isSet(String key) {
        return origins.containsKey(key);
    }

    /** The error for a value of {@code key} that does not fit the rest of the job. */
    public InvalidJobException invalid(String key, String expected) {
        if (isSet(key)) {
            return InvalidJobException.invalid(origin(key), key, value(key), expected);
        }
        return value(key) != null
                ? InvalidJobException.invalid(origin(key), key + " (its default)", value(key), expected)
                : InvalidJobException.missing(origin(key), key, expected);
    }

    /** Adds a warning naming {@code key} when the job set it although it does not apply. */
    public void warnIfSet(String key, String why, List<String> warnings) {
        if (isSet(key)) {
            warnings.add(origin(key) + ": " + key + " is ignored: " + why);
        }
    }

    public Object value(String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("no such job key: " + key);
        }
        return values.get(key);
    }

    public String string(String key) {
        return (String) required(key);
    }

    public Optional<String> optionalString(String key) {
        return Optional.ofNullable((String) value(key));
    }

    public int integer(String key) {
        return (Integer) required(key);
    }

    public Optional<Integer> optionalInteger(String key) {
        return Optional.ofNullable((Integer) value(key));
    }

    public long longValue(String key) {
        return (Long) required(key);
    }

    public Optional<Long> optionalLong(String key) {
        return Optional.ofNullable((Long) value(key));
    }

    public double decimal(String key) {
        return (Double) required(key);
    }

    public Optional<Double> optionalDecimal(String key) {
        return Optional.ofNullable((Double) value(key));
    }

    @SuppressWarnings("unchecked")
    public List<Integer> intList(String key) {
        return (List<Integer>) required(key);
    }

    private Object required(String key) {
        Object v = value(key);
        if (v == null) {
            throw new IllegalStateException(key + " is unset");
        }
        return v;
    }

    /** Every key and its value, flat, in declaration order. */
    public Map<String, Object> flat() {
        return values;
    }

    /** The job as nested sections, as a job file would write it (unset keys left out). */
    public Map<String, Object> nested() {
        Map<String, Object> root = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (value == null) {
                return;
            }
            String[] parts = key.split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(parts[i], p -> new LinkedHashMap<>());
                node = child;
            }
            node.put(parts[parts.length - 1], value);
        });
        return root;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Job j && j.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Job" + values;
    }
}
