package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.aggregate.AggregatorSpec;
import dev.cumulus.aggregate.PreAggregatorSpec;
import dev.cumulus.engine.job.InvalidJobException;
import dev.cumulus.engine.protocol.Protocols;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The p2p keys of Byzantine robustness bind to one RobustSettings, and a bad value names its key. */
class RobustKeysTest {
    private static RobustSettings read(String p2p) {
        return Protocols.read("dataset: { source: blobs, rows: 100 }\nprotocol: p2p\np2p: { " + p2p + " }\n", "job.yaml", List.of())
                .spec().settings(P2pSettings.class).robust();
    }

    @Test
    void bindsRuleParametersPreAggregatorsAttackAndSplit() {
        RobustSettings robust = read("peers: 10, aggregation: cc, f: 2, aggregationParameters: \"tau=10,iterations=3\", "
                + "preAggregators: \"clipping:threshold=5 nnm\", byzantinePeers: \"9 3\", attack: \"alie:z=1.5,direction=1\", "
                + "split: \"dirichlet:0.3\"");

        assertThat(robust.aggregator()).isEqualTo(new AggregatorSpec("cc", 2, Map.of("tau", 10.0, "iterations", 3.0),
                List.of(new PreAggregatorSpec("clipping", Map.of("threshold", 5.0)), PreAggregatorSpec.of("nnm"))));
        assertThat(robust.byzantinePeers()).containsExactly(3, 9);
        assertThat(robust.attack()).isEqualTo("alie:z=1.5,direction=1");
        assertThat(robust.split()).isEqualTo(new PeerSplit(0.3));
    }

    @Test
    void withoutTheKeysEveryPeerIsHonestOnIidShards() {
        RobustSettings robust = read("peers: 3, aggregation: median, f: 1");
        assertThat(robust).isEqualTo(RobustSettings.honest("median", 1));
    }

    @Test
    void refusesARankOutsideThePeers() {
        assertThatThrownBy(() -> read("peers: 4, byzantinePeers: \"1 4\", attack: sign-flip"))
                .isInstanceOf(InvalidJobException.class).hasMessageContaining("p2p.byzantinePeers")
                .hasMessageContaining("ranks from 0 to 3").hasMessageContaining("got 4");
    }

    @Test
    void refusesByzantinePeersWithoutAnAttackAndAnAttackWithoutPeers() {
        assertThatThrownBy(() -> read("peers: 4, byzantinePeers: \"1\""))
                .isInstanceOf(InvalidJobException.class).hasMessageContaining("p2p.attack");
        assertThatThrownBy(() -> read("peers: 4, attack: nan"))
                .isInstanceOf(InvalidJobException.class).hasMessageContaining("p2p.byzantinePeers");
    }

    @Test
    void refusesAnUnknownAttackListingTheKnownOnes() {
        assertThatThrownBy(() -> read("peers: 4, byzantinePeers: \"1\", attack: \"flip-sign\""))
                .isInstanceOf(InvalidJobException.class).hasMessageContaining("p2p.attack")
                .hasMessageContaining("sign-flip").hasMessageContaining("label-flip").hasMessageContaining("wrong-length");
    }

    @Test
    void refusesAnUnknownAttackParameter() {
        assertThatThrownBy(() -> read("peers: 4, byzantinePeers: \"1\", attack: \"ipm:eps=2\""))
                .isInstanceOf(InvalidJobException.class).hasMessageContaining("p2p.attack").hasMessageContaining("eps");
    }

    @Test
    void refusesAMalformedSplitAndAnUnknownPreAggregator() {
        assertThatThrownBy(() -> read("split: \"dirichlet:-1\""))
                .isInstanceOf(InvalidJobException.class).hasMessageContaining("p2p.split")
                .hasMessageContaining("iid or dirichlet:ALPHA");
        assertThatThrownBy(() -> read("aggregation: krum, preAggregators: nmm"))
                .isInstanceOf(InvalidJobException.class).hasMessageContaining("p2p.preAggregators").hasMessageContaining("nnm");
    }

    @Test
    void refusesAParameterTheRuleDoesNotHave() {
        assertThatThrownBy(() -> read("aggregation: krum, aggregationParameters: \"tau=3\""))
                .isInstanceOf(InvalidJobException.class).hasMessageContaining("p2p.aggregationParameters")
                .hasMessageContaining("tau");
    }
}
