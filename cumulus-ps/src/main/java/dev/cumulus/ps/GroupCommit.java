package dev.cumulus.ps;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Group commit for the journal: pushes that arrive while a force is running wait for the next one,
 * which covers every record appended before it starts, so N concurrent pushes cost about two forces
 * instead of N. A push is acknowledged only once {@link #awaitDurable} returned for its sequence,
 * that is after a force that began after its record was appended (or a snapshot that holds it).
 */
final class GroupCommit {
    /** Forces the journal: makes every record appended before the call durable. */
    interface Force {
        void run() throws IOException;
    }

    private final Force force;
    private final LongSupplier appended;
    /** Held by the one thread forcing; the others queue on it and usually find their record covered. */
    private final Object forcing = new Object();
    private final AtomicLong durable = new AtomicLong();
    private final AtomicLong forces = new AtomicLong();

    /**
     * @param force    forces the journal
     * @param appended the sequence of the last record appended so far
     */
    GroupCommit(Force force, LongSupplier appended) {
        this.force = force;
        this.appended = appended;
    }

    /** Returns once the record of {@code sequence} (and every one before it) is durable. */
    void awaitDurable(long sequence) throws IOException {
        if (durable.get() >= sequence) {
            return;
        }
        synchronized (forcing) {
            if (durable.get() >= sequence) {
                return; // the force that ran while this thread queued covered it
            }
            // Read before forcing: these records were appended before the force starts, so it covers them.
            long covered = appended.getAsLong();
            force.run();
            forces.incrementAndGet();
            markDurable(covered);
        }
    }

    /** Records that everything up to {@code sequence} is durable by other means (a snapshot holds it). */
    void markDurable(long sequence) {
        durable.accumulateAndGet(sequence, Math::max);
    }

    /** How many forces ran: fewer than the pushes when pushes shared them. */
    long forces() {
        return forces.get();
    }
}
