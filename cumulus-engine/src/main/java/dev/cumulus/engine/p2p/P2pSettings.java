package dev.cumulus.engine.p2p;

import dev.cumulus.engine.job.ProtocolSettings;
import java.util.List;

/**
 * The {@code p2p} section of a job, bound.
 *
 * @param peers P, the number of peers
 * @param functionsPerPeer gradient functions of each peer, computing their slices of the peer's batch in parallel
 * @param stores one channel URI per peer, or empty for stores named after the run ({@link PeerStores})
 * @param aggregation the rule that combines the peers' gradients ({@code mean}, or a robust rule)
 * @param byzantine the f a robust rule is declared for
 * @param heartbeatMillis how often a peer renews its heartbeat in its own store
 * @param exclusionMillis a peer whose heartbeat is this old, or whose store failed this long, is excluded
 * @param roundTimeoutMillis the longest a peer waits for the others' gradients of one round
 * @param auth whether and with which keys the peers sign their messages
 * @param robust the rule's parameters and pre-aggregators, the Byzantine peers and their attack, the data split
 */
public record P2pSettings(int peers, int functionsPerPeer, List<String> stores, String aggregation, int byzantine,
        long heartbeatMillis, long exclusionMillis, long roundTimeoutMillis, PeerAuthSettings auth,
        RobustSettings robust) implements ProtocolSettings {
    public P2pSettings {
        stores = List.copyOf(stores);
        auth = auth == null ? PeerAuthSettings.NONE : auth;
        robust = robust == null ? RobustSettings.honest(aggregation, byzantine) : robust;
    }

    /** Honest peers on IID shards, the rule with its default parameters. */
    public P2pSettings(int peers, int functionsPerPeer, List<String> stores, String aggregation, int byzantine,
            long heartbeatMillis, long exclusionMillis, long roundTimeoutMillis) {
        this(peers, functionsPerPeer, stores, aggregation, byzantine, heartbeatMillis, exclusionMillis, roundTimeoutMillis,
                PeerAuthSettings.NONE, RobustSettings.honest(aggregation, byzantine));
    }
}
