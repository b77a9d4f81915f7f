package dev.cumulus.engine.p2p;

import dev.cumulus.aggregate.AggregatorSpec;
import java.util.List;
import java.util.Optional;

/**
 * The Byzantine side of a {@code p2p} job, bound: the full aggregation (rule, f, its parameters and
 * pre-aggregators), which peers attack and how, and how the data is split among the peers.
 *
 * @param aggregator what honest peers combine the round's gradients with
 * @param byzantinePeers ranks of the peers that attack, ascending (empty: none)
 * @param attack the attack the Byzantine peers run ({@link GradientAttack#parse}), or null when none do
 * @param split how the training set is dealt to the peers
 */
public record RobustSettings(AggregatorSpec aggregator, List<Integer> byzantinePeers, String attack, PeerSplit split) {

    public RobustSettings {
        byzantinePeers = List.copyOf(byzantinePeers);
        if (byzantinePeers.isEmpty() != (attack == null)) {
            throw new IllegalArgumentException("Byzantine peers and an attack go together: peers " + byzantinePeers
                    + ", attack " + attack);
        }
    }

    /** No attack, IID shards, the rule with its defaults. */
    public static RobustSettings honest(String rule, int f) {
        return new RobustSettings(AggregatorSpec.of(rule, f), List.of(), null, PeerSplit.IID);
    }

    public boolean isByzantine(int rank) {
        return byzantinePeers.contains(rank);
    }

    /** The attack, built against this job's aggregation, if any peer attacks. */
    public Optional<GradientAttack> attack(long seed) {
        return attack == null ? Optional.empty() : Optional.of(GradientAttack.parse(attack, aggregator, seed));
    }
}
