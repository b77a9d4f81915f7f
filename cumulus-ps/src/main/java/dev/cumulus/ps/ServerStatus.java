package dev.cumulus.ps;

/**
 * What a parameter server reports about itself: the model it holds and the time it has been up and
 * busy, from which a caller prices the instance (uptime in hours times its hourly price).
 *
 * @param initialised    whether a model was initialised (the fields up to pushesAccepted are empty or 0 if not)
 * @param modelId        the model's id, or "" before initialisation
 * @param mode           BSP or ASP, or null before initialisation
 * @param workers        the number of workers
 * @param parameterCount the length of the parameter vector
 * @param round          the current model's round (see {@link PulledModel#round()})
 * @param updatesApplied optimiser steps taken
 * @param pushesAccepted pushes recorded (duplicates excluded), over the model's whole life
 * @param uptimeMillis   time since this server process started serving
 * @param busyMillis     time this process spent handling requests (waits for a round excluded)
 * @param requestsServed requests this process answered
 * @param journalForces  forces of the journal by this process; below its pushes when concurrent
 *                       pushes shared them (group commit)
 */
public record ServerStatus(boolean initialised, String modelId, SyncMode mode, int workers, int parameterCount,
                           long round, long updatesApplied, long pushesAccepted, long uptimeMillis, long busyMillis,
                           long requestsServed, long journalForces) {

    /** The uptime in hours, to multiply by the instance's hourly price. */
    public double uptimeHours() {
        return uptimeMillis / 3_600_000.0;
    }
}
