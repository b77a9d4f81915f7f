package dev.cumulus.sim.cost;

import dev.cumulus.engine.metrics.TimelineEvent;
import java.util.List;
import java.util.Objects;

/**
 * What a finished run measured, as its run directory records it: the timeline, the wall time, where it ran.
 *
 * @param runId the run's id
 * @param events every worker's timed stretches (timeline.csv)
 * @param wallSeconds from the driver's start to the evaluated model (run.json's breakdown.wallSeconds)
 * @param epochsRun passes the run completed (fewer than the job's if it reached its target loss)
 * @param store the run's channel
 * @param platformType threads, processes or lambda
 * @param hostCores cores of the machine the functions shared (threads, processes); 0 on a cloud platform
 */
public record RunMeasurements(String runId, List<TimelineEvent> events, double wallSeconds, int epochsRun,
        Store store, String platformType, int hostCores) {

    public RunMeasurements {
        events = List.copyOf(events);
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(platformType, "platformType");
        if (events.isEmpty()) {
            throw new InvalidParameterException("timeline", "The run's timeline has no events: nothing to calibrate from");
        }
        Check.positive("wallSeconds", wallSeconds);
        Check.atLeast("epochs", epochsRun, 1);
        Check.atLeast("hostCores", hostCores, 0);
    }

    /** Workers that recorded events. */
    public int workers() {
        return (int) events.stream().mapToInt(TimelineEvent::worker).distinct().count();
    }

    /** Whether the functions ran on this machine (and so shared its cores). */
    public boolean local() {
        return !platformType.equals("lambda");
    }
}
