package dev.cumulus.engine;

import dev.cumulus.engine.job.Job;
import dev.cumulus.engine.metrics.Breakdown;
import dev.cumulus.engine.metrics.TimelineEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a finished training run produced: the model, its metrics, and how the time was spent.
 *
 * @param metrics final metrics by name (trainLoss, testLoss, testAccuracy, ...)
 * @param provenance where the result came from: data fingerprint, version, seed, run id
 * @param cost what the platform billed: invocations, GB-seconds, dollars
 */
public record RunResult(
        String runId,
        Job job,
        float[] parameters,
        Map<String, Double> metrics,
        List<EpochRecord> curve,
        List<TimelineEvent> timeline,
        Breakdown breakdown,
        double wallSeconds,
        Map<String, Object> provenance,
        Map<String, Object> cost) {

    public RunResult {
        // Insertion order is kept: reports list metrics in the order the driver computed them.
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        curve = List.copyOf(curve);
        timeline = List.copyOf(timeline);
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        cost = Collections.unmodifiableMap(new LinkedHashMap<>(cost));
    }
}
