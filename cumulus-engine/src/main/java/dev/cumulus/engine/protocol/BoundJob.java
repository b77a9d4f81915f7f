package dev.cumulus.engine.protocol;

import dev.cumulus.engine.job.Job;
import dev.cumulus.engine.job.JobSpec;
import java.util.List;

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
}
