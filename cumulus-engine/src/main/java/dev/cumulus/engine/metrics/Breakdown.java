package dev.cumulus.engine.metrics;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Seconds per phase, averaged over workers: where a run's time went.
 *
 * @param seconds mean seconds per worker spent in each phase
 */
public record Breakdown(Map<Phase, Double> seconds) {

    public Breakdown {
        seconds = Map.copyOf(seconds);
    }

    /** Sums each worker's events per phase, then averages over the workers seen. */
    public static Breakdown of(Collection<TimelineEvent> events) {
        Map<Phase, Double> total = new EnumMap<>(Phase.class);
        Set<Integer> workers = new HashSet<>();
        for (Phase p : Phase.values()) {
            total.put(p, 0.0);
        }
        for (TimelineEvent e : events) {
            workers.add(e.worker());
            total.merge(e.phase(), e.durationMicros() / 1e6, Double::sum);
        }
        int n = Math.max(1, workers.size());
        total.replaceAll((p, s) -> s / n);
        return new Breakdown(total);
    }

    public double of(Phase phase) {
        return seconds.getOrDefault(phase, 0.0);
    }
}
