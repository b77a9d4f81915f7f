package dev.cumulus.engine.p2p;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    /** Peers admitted with a start-up grace whose store has not failed: their clock stands at least at the grace's end. */
    private final Set<Integer> inGrace = new HashSet<>();
    /** When each peer was last heard of, grace aside. */
    private final Map<Integer, Long> reallyHeardMillis = new HashMap<>();

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
        reallyHeardMillis.merge(peer, nowMillis, Math::max);
    }

    /**
     * {@code peer}'s gradient of a round arrived at {@code nowMillis}: it is training, so its
     * start-up grace is over and from now on its silence counts from when it was last heard of.
     * (A heartbeat alone does not end the grace: a peer beats while it is still loading its data.)
     * Else a peer that died in the grace's first seconds held every other peer until the grace ran
     * out (30 s), though its heartbeat had stopped long before.
     */
    void delivered(int peer, long nowMillis) {
        if (inGrace.remove(peer)) {
            lastHeardMillis.put(peer, nowMillis);
        }
        heard(peer, nowMillis);
    }

    /**
     * {@code peer}'s store failed to answer at {@code nowMillis}: hard evidence, unlike a missing
     * heartbeat, so it ends the peer's start-up grace. From then on its silence counts from when it
     * was last really heard of (or from now, if never), else a peer whose server died early would be
     * waited for until the grace ran out while every wait reconnected to the dead server.
     */
    void failed(int peer, long nowMillis) {
        if (inGrace.remove(peer)) {
            lastHeardMillis.put(peer, reallyHeardMillis.getOrDefault(peer, nowMillis));
        }
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
        inGrace.remove(peer);
        reallyHeardMillis.remove(peer);
        lastHeardMillis.put(peer, nowMillis);
    }

    /**
     * Adds a peer that may still be starting (a process's JVM, its data): it is not silent before
     * {@code untilMillis}, unless its store fails (see {@link #failed}).
     */
    void admitWithGrace(int peer, long untilMillis) {
        admit(peer, untilMillis);
        inGrace.add(peer);
    }
}
