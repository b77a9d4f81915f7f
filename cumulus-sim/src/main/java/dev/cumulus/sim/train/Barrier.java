package dev.cumulus.sim.train;

/**
 * A BSP round's synchronisation decision, fed one event at a time as workers finish computing, in time order:
 * the round is released once every worker has arrived (and ends a collective later). It also keeps how long the
 * early workers waited. Pure and reusable round after round; ASP needs none.
 */
final class Barrier {
    private final int workers;
    private int arrived;
    private double lastArrival;
    private double arrivalSum;

    Barrier(int workers) {
        this.workers = workers;
    }

    /** Worker arrives at {@code time}; true once the round is complete (every worker has arrived). */
    boolean arrive(double time) {
        arrived++;
        lastArrival = Math.max(lastArrival, time);
        arrivalSum += time;
        return arrived == workers;
    }

    /** The last arrival: when the collective can start. */
    double lastArrival() {
        return lastArrival;
    }

    /** Seconds the workers spent, in all, waiting for the last one this round. */
    double waitedSeconds() {
        return workers * lastArrival - arrivalSum;
    }

    /** Ready for the next round; returns the waiting of the round just ended. */
    double reset() {
        double waited = waitedSeconds();
        arrived = 0;
        lastArrival = 0;
        arrivalSum = 0;
        return waited;
    }
}
