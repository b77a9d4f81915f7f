package dev.cumulus.engine.protocol;

import dev.cumulus.engine.job.Job;
import dev.cumulus.engine.job.JobSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A job as read and as bound: the validated keys (for the run report and errors), the typed
 * records the run uses, and a warning for each key that was set but does not apply.
 */
public record BoundJob(Job job, JobSpec spec, List<String> warnings) {
    public BoundJob {
        warnings = List.copyOf(warnings);
    }

    public Protocol protocol() {
        return Protocols.named(spec.protocol());
    }

    /**
     * The job as nested sections with the defaults that depend on other keys filled in (the rate of
     * the optimizer, the schedule of the algorithm, whether features are scaled), so that a run's
     * report says what it trained with, not only what its file said.
     */
    public Map<String, Object> resolved() {
        Map<String, Object> root = job.nested();
        // k-means has no rate, and full-batch L-BFGS finds its own steps.
        if (!spec.model().type().equals("kmeans") && !spec.settings().fullBatch()) {
            Map<String, Object> algorithm = section(root, "algorithm");
            algorithm.putIfAbsent("learningRate", spec.training().optimizer().learningRate());
            algorithm.putIfAbsent("schedule", spec.training().schedule());
        }
        section(root, "model").putIfAbsent("standardize", spec.standardize());
        return root;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> root, String name) {
        return (Map<String, Object>) root.computeIfAbsent(name, n -> new LinkedHashMap<>());
    }
}
