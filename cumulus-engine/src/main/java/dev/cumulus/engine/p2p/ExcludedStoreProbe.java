package dev.cumulus.engine.p2p;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * The only contact a peer keeps with the stores of the peers it excluded: a cheap probe, at most
 * once per interval and off the round's path, of whether an excluded peer beats again (its store
 * answers and holds its heartbeat). Such a peer is said to be back, once, in the log, since the
 * way back in is to join ({@code cumulus peer --join}); the round never waits on an excluded store,
 * which is what kept the survivors slow when every wait reconnected to a dead server.
 */
final class ExcludedStoreProbe {
    private final long intervalMillis;
    private final BiPredicate<Integer, String> beats;
    private final Consumer<String> log;
    private final Map<Integer, String> watched = new TreeMap<>();
    private final Map<Integer, Long> nextProbeMillis = new TreeMap<>();

    /**
     * @param intervalMillis the least time between two probes of one store
     * @param beats whether peer {@code q}, whose store is at the given URI, beats; false when its store does not answer
     * @param log receives one line for each excluded peer found beating again
     */
    ExcludedStoreProbe(long intervalMillis, BiPredicate<Integer, String> beats, Consumer<String> log) {
        if (intervalMillis < 1) {
            throw new IllegalArgumentException("intervalMillis must be positive, got " + intervalMillis);
        }
        this.intervalMillis = intervalMillis;
        this.beats = beats;
        this.log = log;
    }

    /** Starts watching peer {@code q}, excluded at {@code nowMillis}; its first probe is one interval later. */
    synchronized void watch(int q, String uri, long nowMillis) {
        if (uri == null) {
            return;
        }
        watched.put(q, uri);
        nextProbeMillis.put(q, nowMillis + intervalMillis);
    }

    /** Stops watching peer {@code q} (it was admitted again). */
    synchronized void forget(int q) {
        watched.remove(q);
        nextProbeMillis.remove(q);
    }

    /** Probes every watched store whose next probe is due at {@code nowMillis}; how many were probed. */
    int probe(long nowMillis) {
        Map<Integer, String> due = new TreeMap<>();
        synchronized (this) {
            for (Map.Entry<Integer, String> peer : watched.entrySet()) {
                if (nextProbeMillis.get(peer.getKey()) <= nowMillis) {
                    due.put(peer.getKey(), peer.getValue());
                    nextProbeMillis.put(peer.getKey(), nowMillis + intervalMillis);
                }
            }
        }
        // Outside the lock: a probe of a store that does not answer lasts up to its time-out.
        for (Map.Entry<Integer, String> peer : due.entrySet()) {
            if (beats.test(peer.getKey(), peer.getValue())) {
                forget(peer.getKey());
                log.accept("excluded peer-" + peer.getKey() + " beats again in its store; it stays out of this run's "
                        + "rounds until it joins (cumulus peer --join)");
            }
        }
        return due.size();
    }
}
