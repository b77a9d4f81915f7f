package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.engine.run.RunResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Byzantine peers in real p2p runs (memory stores, a Fashion-MNIST subset): the attack reaches the
 * honest peers through the stores, plain averaging follows it, a robust rule does not, and
 * malformed gradients are counted and dropped without stopping anyone.
 */
class PeerToPeerByzantineTest {
    private static final String DATA = """
            dataset: { source: fashion-mnist, rows: 3000 }
            model: { type: softmax, standardize: true }
            algorithm: { optimizer: momentum, learningRate: 0.05, batchSize: 32, epochs: 2 }
            protocol: p2p
            seed: 7
            """;

    private static RunResult train(String p2p, List<String> log) {
        return PeerToPeerTrainingTest.train(DATA + "p2p: { " + p2p + " }\n", log);
    }

    private static double accuracy(RunResult r) {
        return r.metrics().get("testAccuracy");
    }

    @Test
    void meanFollowsAScaledSignFlipUphillWhileTrimmedMeanTrains() {
        // IPM with epsilon 4 is sign flipping scaled by 4: two such peers of five turn the mean to -mu.
        String attack = "peers: 5, byzantinePeers: \"0 1\", attack: \"ipm:epsilon=4\", f: 2";
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        RunResult mean = train(attack + ", aggregation: mean", new ArrayList<>());
        RunResult trimmed = train(attack + ", aggregation: trimmed-mean", log);

        assertThat(accuracy(mean)).isLessThan(0.4);
        assertThat(accuracy(trimmed)).isGreaterThan(0.65);
        assertThat(log).anyMatch(l -> l.contains("peer-0: is Byzantine: runs attack ipm:epsilon=4"));
        // The attackers step with the honest peers' rule on the same gradients, so every model is the same.
        assertThat(log).anyMatch(l -> l.contains("the 5 peers that finished hold identical models"));
        assertThat(trimmed.protocolReport()).containsEntry("byzantinePeers", List.of(0, 1));
    }

    @Test
    void nanGradientsAreCountedAndDroppedAndTheHonestPeersTrainOn() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        RunResult r = train("peers: 4, byzantinePeers: \"3\", attack: nan", log);

        assertThat(accuracy(r)).isGreaterThan(0.7);
        long dropped = (Long) r.protocolReport().get("droppedGradients");
        assertThat(dropped).isPositive();
        assertThat(r.protocolReport().get("droppedFrom")).isEqualTo(Map.of(3, dropped));
        assertThat(log).anyMatch(l -> l.contains("peer-0: round 0: dropped peer-3's gradient"));
    }

    @Test
    void gradientsOfTheWrongLengthAreCountedAndDroppedToo() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        RunResult r = train("peers: 4, byzantinePeers: \"0\", attack: wrong-length, aggregation: median, f: 1", log);

        assertThat(accuracy(r)).isGreaterThan(0.7);
        assertThat(((Map<?, ?>) r.protocolReport().get("droppedFrom")).keySet()).isEqualTo(java.util.Set.of(0));
        assertThat(log).anyMatch(l -> l.contains("peer-1: round 0: dropped peer-0's gradient"));
    }

    @Test
    void peersTrainOnDirichletShards() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        RunResult r = train("peers: 4, split: \"dirichlet:0.3\", aggregation: median, f: 1", log);

        assertThat(accuracy(r)).isGreaterThan(0.6);
        assertThat(log).anyMatch(l -> l.contains("the 4 peers that finished hold identical models"));
    }
}
