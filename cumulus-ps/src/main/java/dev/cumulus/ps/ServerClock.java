package dev.cumulus.ps;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** The server's uptime, busy time and request count, for pricing the instance it runs on. */
final class ServerClock {
    private final long startNanos = System.nanoTime();
    private final LongAdder busyNanos = new LongAdder();
    private final LongAdder requests = new LongAdder();

    /** Marks the start of handling a request; pass the result to {@link #served(long)}. */
    long begin() {
        return System.nanoTime();
    }

    /** Counts a request answered and the time since {@code beganNanos} as busy. */
    void served(long beganNanos) {
        busyNanos.add(System.nanoTime() - beganNanos);
        requests.increment();
    }

    long uptimeMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    long busyMillis() {
        return TimeUnit.NANOSECONDS.toMillis(busyNanos.sum());
    }

    long requestsServed() {
        return requests.sum();
    }
}
