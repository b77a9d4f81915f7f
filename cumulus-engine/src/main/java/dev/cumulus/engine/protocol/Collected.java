package dev.cumulus.engine.protocol;

import dev.cumulus.engine.metrics.EpochRecord;
import java.util.List;
import java.util.Map;

/**
 * What a protocol's functions produced: the trained parameters, the loss after each epoch, and
 * what the protocol adds to the run's cost report (such as a parameter server's instance-hours) and
 * to its report (such as the coded protocol's rounds).
 */
public record Collected(float[] parameters, List<EpochRecord> curve, Map<String, Object> cost,
        Map<String, Object> report) {
    public Collected {
        curve = List.copyOf(curve);
        cost = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cost));
        report = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(report));
    }

    /** This, with {@code value} under {@code key} in the report as well. */
    public Collected reporting(String key, Object value) {
        Map<String, Object> more = new java.util.LinkedHashMap<>(report);
        more.put(key, value);
        return new Collected(parameters, curve, cost, more);
    }

    public Collected(float[] parameters, List<EpochRecord> curve) {
        this(parameters, curve, Map.of(), Map.of());
    }
}
