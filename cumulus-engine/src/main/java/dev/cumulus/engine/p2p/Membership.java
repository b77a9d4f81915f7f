package dev.cumulus.engine.p2p;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The peers one peer still aggregates with, as pure decisions fed with events: when it last heard
 * of each (a gradient arrived, its heartbeat was there), and the time now. A peer not heard of for
 * longer than the exclusion time is reported silent; the caller excludes it. There is no
 * coordinator: every peer keeps its own membership, and peers that hear the same things decide
 * the same.
 */
final class Membership {
    private final long exclusionMillis;
    private final SortedSet<Integer> live = new TreeSet<>();
    private final Map<Integer, Long> lastHeardMillis = new HashMap<>();

    /**
     * @param peers the peers at the start
     * @param startMillis when waiting for them starts; each counts as heard then
     * @param exclusionMillis how long a peer may go unheard before it is silent
     */
    Membership(Collection<Integer> peers, long startMillis, long exclusionMillis) {
        if (exclusionMillis < 1) {
            throw new IllegalArgumentException("exclusionMillis must be positive, got " + exclusionMillis);
        }
        this.exclusionMillis = exclusionMillis;
        for (int peer : peers) {
            admit(peer, startMillis);
        }
    }

    /** The peers still aggregated with, in rank order. */
    SortedSet<Integer> live() {
        return new TreeSet<>(live);
    }

    boolean isLive(int peer) {
        return live.contains(peer);
    }

    /** Something of {@code peer} was seen at {@code nowMillis} (its gradient, its heartbeat). */
    void heard(int peer, long nowMillis) {
        lastHeardMillis.merge(peer, nowMillis, Math::max);
    }

    /** How long {@code peer} has not been heard of at {@code nowMillis}. */
    long silenceMillis(int peer, long nowMillis) {
        return nowMillis - lastHeardMillis.getOrDefault(peer, nowMillis);
    }

    /** The live peers among {@code candidates} not heard of for longer than the exclusion time. */
    List<Integer> silent(Collection<Integer> candidates, long nowMillis) {
        List<Integer> silent = new ArrayList<>();
        for (int peer : candidates) {
            if (live.contains(peer) && silenceMillis(peer, nowMillis) > exclusionMillis) {
                silent.add(peer);
            }
        }
        return silent;
    }

    void exclude(int peer) {
        live.remove(peer);
    }

    /** Adds a peer (one that joins), heard of at {@code nowMillis}. */
    void admit(int peer, long nowMillis) {
        live.add(peer);
        lastHeardMillis.put(peer, nowMillis);
    }
}
