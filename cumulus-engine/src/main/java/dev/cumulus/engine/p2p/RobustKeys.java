package dev.cumulus.engine.p2p;

import static dev.cumulus.config.Validator.any;

import dev.cumulus.aggregate.AggregatorSpec;
import dev.cumulus.aggregate.PreAggregatorSpec;
import dev.cumulus.config.ConfigKey;
import dev.cumulus.config.ValueType;
import dev.cumulus.engine.job.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The {@code p2p} keys of Byzantine robustness (rule parameters, pre-aggregators, attack, data split), and their binding. */
final class RobustKeys {
    private RobustKeys() {
    }

    static final ConfigKey AGGREGATION_PARAMETERS = new ConfigKey("p2p.aggregationParameters", ValueType.STRING, null, any(),
            "p2p: parameters of `p2p.aggregation` as key=value pairs separated by commas, e.g. `tau=10,iterations=3` "
                    + "for cc, `neighbourOffset=1` for krum (docs/ROBUST.md lists each rule's).");
    static final ConfigKey PRE_AGGREGATORS = new ConfigKey("p2p.preAggregators", ValueType.STRING, null, any(),
            "p2p: pre-aggregators run before `p2p.aggregation`, in order, separated by spaces, each `name` or "
                    + "`name:key=value,...`: `nnm`, `arc`, `bucketing:size=2`, `clipping:threshold=5`; NNM and ARC "
                    + "take `p2p.f`.");
    static final ConfigKey BYZANTINE_PEERS = new ConfigKey("p2p.byzantinePeers", ValueType.STRING, null, any(),
            "p2p: ranks of the peers that attack, separated by spaces (e.g. `0 3`); they run `p2p.attack` "
                    + "instead of publishing honest gradients. Unset: every peer is honest.");
    static final ConfigKey ATTACK = new ConfigKey("p2p.attack", ValueType.STRING, null, any(),
            "p2p: what the `p2p.byzantinePeers` send, `name` or `name:key=value,...`: sign-flip, ipm (epsilon), alie "
                    + "(z, direction), gaussian (mean, standardDeviation), mimic (honestIndex), nan, inf, optimal-alie, "
                    + "optimal-ipm (forged from the round's honest gradients, read from the honest peers' stores); "
                    + "label-flip (honest training on labels y -> C-1-y); wrong-length (a malformed vector).");
    static final ConfigKey SPLIT = new ConfigKey("p2p.split", ValueType.STRING, "iid", any(),
            "p2p: how the training set is dealt to the peers: `iid` (equal shuffled shards) or `dirichlet:ALPHA` "
                    + "(each class cut among the peers in Dirichlet(ALPHA) proportions; 0.3 is skewed, 100 near IID). "
                    + "Under dirichlet every peer draws `batchSize` rows a step, cycling through its own shard.");

    static List<ConfigKey> keys() {
        return List.of(AGGREGATION_PARAMETERS, PRE_AGGREGATORS, BYZANTINE_PEERS, ATTACK, SPLIT);
    }

    /** Binds the keys for a job of {@code peers} peers whose rule is {@code rule} declared for {@code f}; errors name the key. */
    static RobustSettings bind(Job job, int peers, String rule, int f) {
        AggregatorSpec spec;
        try {
            spec = new AggregatorSpec(rule, f, job.optionalString(AGGREGATION_PARAMETERS.name())
                    .map(SpecText::parameters).orElse(java.util.Map.of()), List.of());
        } catch (IllegalArgumentException e) {
            throw job.invalid(AGGREGATION_PARAMETERS.name(), "parameters of " + rule + ": " + e.getMessage());
        }
        try {
            for (SpecText pre : job.optionalString(PRE_AGGREGATORS.name()).map(SpecText::list).orElse(List.of())) {
                spec = spec.withPreAggregator(new PreAggregatorSpec(pre.name(), pre.parameters()));
            }
        } catch (IllegalArgumentException e) {
            throw job.invalid(PRE_AGGREGATORS.name(), "pre-aggregators: " + e.getMessage());
        }
        List<Integer> byzantine = ranks(job, peers);
        String attack = job.optionalString(ATTACK.name()).map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (!byzantine.isEmpty() && attack == null) {
            throw job.invalid(ATTACK.name(), "the attack the p2p.byzantinePeers " + byzantine + " run");
        }
        if (byzantine.isEmpty() && attack != null) {
            throw job.invalid(BYZANTINE_PEERS.name(), "the ranks of the peers that run p2p.attack " + attack);
        }
        if (byzantine.size() >= peers) {
            throw job.invalid(BYZANTINE_PEERS.name(), "fewer Byzantine peers than the " + peers + " peers; at least one is honest");
        }
        if (attack != null) {
            try {
                GradientAttack.parse(attack, spec, 0);
            } catch (IllegalArgumentException e) {
                throw job.invalid(ATTACK.name(), "an attack: " + e.getMessage());
            }
        }
        PeerSplit split;
        try {
            split = PeerSplit.parse(job.string(SPLIT.name()));
        } catch (IllegalArgumentException e) {
            throw job.invalid(SPLIT.name(), e.getMessage());
        }
        return new RobustSettings(spec, byzantine, attack, split);
    }

    private static List<Integer> ranks(Job job, int peers) {
        TreeSet<Integer> ranks = new TreeSet<>();
        for (String item : job.optionalString(BYZANTINE_PEERS.name()).orElse("").trim().split("\\s+")) {
            if (item.isEmpty()) {
                continue;
            }
            int rank;
            try {
                rank = Integer.parseInt(item);
            } catch (NumberFormatException e) {
                throw job.invalid(BYZANTINE_PEERS.name(), "peer ranks separated by spaces; '" + item + "' is not a number");
            }
            if (rank < 0 || rank >= peers) {
                throw job.invalid(BYZANTINE_PEERS.name(), "ranks from 0 to " + (peers - 1) + " (p2p.peers is " + peers
                        + "), got " + rank);
            }
            if (!ranks.add(rank)) {
                throw job.invalid(BYZANTINE_PEERS.name(), "distinct ranks; " + rank + " is given twice");
            }
        }
        return new ArrayList<>(ranks);
    }
}
