package dev.cumulus.engine.run;

import dev.cumulus.engine.metrics.Breakdown;
import dev.cumulus.engine.metrics.EpochRecord;
import dev.cumulus.engine.metrics.TimelineEvent;
import dev.cumulus.engine.model.Provenance;
import dev.cumulus.engine.model.TrainedModel;
import dev.cumulus.engine.protocol.BoundJob;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a finished training run produced: the model, its metrics, and how the time was spent.
 *
 * @param job the job as read and bound
 * @param metrics final metrics by name (trainLoss, testLoss, testAccuracy, ...)
 * @param provenance where the result came from: versions, data fingerprints, seed, times, the job
 * @param cost what the platform billed: invocations, GB-seconds, dollars
 * @param protocolReport what the protocol reports of the run (the coded protocol's rounds)
 */
public record RunResult(
        String runId,
        BoundJob job,
        TrainedModel model,
        Map<String, Double> metrics,
        List<EpochRecord> curve,
        List<TimelineEvent> timeline,
        Breakdown breakdown,
        double wallSeconds,
        Provenance provenance,
        Map<String, Object> cost,
        Map<String, Object> protocolReport) {

    public RunResult {
        // Insertion order is kept: reports list metrics in the order the driver computed them.
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        curve = List.copyOf(curve);
        timeline = List.copyOf(timeline);
        cost = Collections.unmodifiableMap(new LinkedHashMap<>(cost));
        protocolReport = Collections.unmodifiableMap(new LinkedHashMap<>(protocolReport));
    }

    /** The trained parameters. */
    public float[] parameters() {
        return model.parameters();
    }
}
