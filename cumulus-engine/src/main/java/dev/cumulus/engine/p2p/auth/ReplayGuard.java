package dev.cumulus.engine.p2p.auth;

import java.util.HashMap;
import java.util.Map;

/**
 * Remembers the last round accepted from each peer: a message is fresh only for the round it is
 * read for and only if that round is later than every round accepted from its peer before.
 */
public final class ReplayGuard {
    private final Map<Integer, Long> lastAccepted = new HashMap<>();

    /** Whether a message signed for {@code signedRound} may be taken as {@code peer}'s message of {@code expectedRound}. */
    public boolean fresh(int peer, long signedRound, long expectedRound) {
        Long last = lastAccepted.get(peer);
        return signedRound == expectedRound && (last == null || signedRound > last);
    }

    /** Records that {@code peer}'s message of {@code round} was accepted. */
    public void accepted(int peer, long round) {
        lastAccepted.merge(peer, round, Math::max);
    }
}
