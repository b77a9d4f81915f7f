package dev.cumulus.engine.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated training job: every declared key with its value (set, or its default).
 *
 * <p>Instances only come from {@link JobReader} or {@link #fromSettings}, which validate every
 * key, so an invalid job cannot exist at run time.
 */
public final class Job {
    private final Map<String, Object> values;

    private Job(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Resolves settings against the schema: unknown keys and invalid values are errors, unset keys
     * take their defaults, and combinations are checked.
     */
    public static Job fromSettings(JobSchema schema, List<Setting> settings) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (JobKey k : schema.keys()) {
            resolved.put(k.name(), k.defaultValue() == null ? null : k.type().convert(k.defaultValue()));
        }
        for (Setting s : settings) {
            JobKey key = schema.key(s.key()).orElseThrow(() -> unknown(schema, s));
            Object value;
            try {
                value = key.type().convert(s.rawValue());
            } catch (IllegalArgumentException e) {
                throw invalid(s, e.getMessage());
            }
            if (value != null) {
                String problem = key.validator().check(value);
                if (problem != null) {
                    throw invalid(s, "expected " + problem);
                }
            }
            resolved.put(key.name(), value);
        }
        Job job = new Job(resolved);
        job.checkCombinations();
        return job;
    }

    private static InvalidJobException unknown(JobSchema schema, Setting s) {
        String hint = schema.closest(s.key()).map(c -> " (did you mean '" + c + "'?)").orElse("");
        if (schema.isSection(s.key())) {
            return new InvalidJobException(s.origin() + ": '" + s.key() + "' is a section and needs nested keys, not a value");
        }
        return new InvalidJobException(s.origin() + ": unknown key '" + s.key() + "'" + hint);
    }

    private static InvalidJobException invalid(Setting s, String expected) {
        // A value may be a URI with a password (a channel's): never echo the password.
        return new InvalidJobException(s.origin() + ": invalid value '" + dev.cumulus.channel.Channels.masked(String.valueOf(s.rawValue()))
                + "' for " + s.key() + ": " + expected);
    }

    private void checkCombinations() {
        boolean kmeansModel = string("model.type").equals("kmeans");
        boolean kmeansAlgorithm = string("algorithm.type").equals("kmeans");
        if (kmeansModel != kmeansAlgorithm) {
            throw new InvalidJobException("model.type '" + string("model.type") + "' needs algorithm.type "
                    + (kmeansModel ? "'kmeans'" : "'ga-sgd'") + ", got '" + string("algorithm.type") + "'");
        }
        if (!string("platform.type").equals("threads") && string("channel").startsWith("memory:")) {
            throw new InvalidJobException("channel '" + string("channel") + "' lives in one JVM, but platform.type '"
                    + string("platform.type") + "' runs workers elsewhere: use file:DIR, redis://, memcached://, "
                    + "s3:// or dynamodb://");
        }
        if (string("sync").equals("asp") && kmeansAlgorithm) {
            throw new InvalidJobException("sync 'asp' is for algorithm.type 'ga-sgd'; k-means runs bulk-synchronously");
        }
        String source = string("dataset.source");
        boolean needsPath = source.equals("libsvm") || source.equals("idx") || source.equals("csv");
        if (needsPath && optionalString("dataset.path").isEmpty()) {
            throw new InvalidJobException("dataset.path is required when dataset.source is '" + source + "'");
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
