package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.engine.job.InvalidJobException;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The p2p section is checked when the job is read, with the file, line and key in the message. */
class PeerToPeerJobTest {
    private static BoundJob read(String p2p) {
        return Protocols.read("dataset: { source: blobs, rows: 100 }\nprotocol: p2p\n" + p2p, "job.yaml", List.of());
    }

    @Test
    void bindsTheSectionWithItsDefaults() {
        P2pSettings settings = read("p2p: { peers: 2, stores: \"memory:a  memory:b\" }\n").spec().settings(P2pSettings.class);
        assertThat(settings).isEqualTo(new P2pSettings(2, 1, List.of("memory:a", "memory:b"), "mean", 0, 200, 2000, 120_000));
    }

    @Test
    void refusesAStoreListThatDoesNotNameOneStorePerPeer() {
        assertThatThrownBy(() -> read("p2p: { peers: 3, stores: \"memory:a memory:b\" }\n"))
                .isInstanceOf(InvalidJobException.class).hasMessageContaining("p2p.stores")
                .hasMessageContaining("p2p.peers is 3, got 2 URIs");
    }

    @Test
    void refusesAnExclusionTimeNoLongerThanAHeartbeat() {
        assertThatThrownBy(() -> read("p2p: { heartbeatMillis: 500, exclusionMillis: 500 }\n"))
                .isInstanceOf(InvalidJobException.class).hasMessageContaining("p2p.exclusionMillis");
    }

    @Test
    void refusesAnUnknownAggregationRule() {
        assertThatThrownBy(() -> read("p2p: { aggregation: average }\n"))
                .isInstanceOf(InvalidJobException.class).hasMessageContaining("p2p.aggregation");
    }

    @Test
    void warnsThatWorkersDoesNotApply() {
        BoundJob job = Protocols.read("dataset: { source: blobs, rows: 100 }\nprotocol: p2p\nworkers: 8\n", "job.yaml", List.of());
        assertThat(job.warnings()).anyMatch(w -> w.contains("workers") && w.contains("p2p.peers"));
    }
}
