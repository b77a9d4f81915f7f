package dev.cumulus.ps;

import java.util.concurrent.TimeUnit;

/**
 * The server's uptime, busy time (wall-clock time during which at least one request was being
 * handled, so never more than the uptime) and request count, for pricing the instance it runs on.
 */
final class ServerClock {
    private final long startNanos = System.nanoTime();
    private int inFlight;
    private long busySinceNanos;
    private long busyNanos;
    private long requests;

    /** Marks the start of handling a request; every call is followed by one {@link #served()}. */
    synchronized void begin() {
        if (inFlight++ == 0) {
            busySinceNanos = System.nanoTime();
        }
    }

    /** Counts a request answered. */
    synchronized void served() {
        requests++;
        if (--inFlight == 0) {
            busyNanos += System.nanoTime() - busySinceNanos;
        }
    }

    long uptimeMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    synchronized long busyMillis() {
        long open = inFlight > 0 ? System.nanoTime() - busySinceNanos : 0;
        return TimeUnit.NANOSECONDS.toMillis(busyNanos + open);
    }

    synchronized long requestsServed() {
        return requests;
    }
}
