package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.run.Driver;
import dev.cumulus.engine.run.RunResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Peers training without a coordinator reach what gradient averaging through one channel reaches:
 * with the mean rule and one function per peer, P peers take the steps of P GA-SGD workers.
 */
class PeerToPeerTrainingTest {

    static final String DATA = """
            dataset: { source: fashion-mnist, rows: 6000 }
            model: { type: softmax, standardize: true }
            algorithm: { optimizer: momentum, learningRate: 0.01, batchSize: 16, epochs: 3 }
            seed: 7
            """;

    static RunResult train(String yaml, List<String> log) {
        return new Driver(line -> log.add(line)).run(Protocols.read(yaml, "job.yaml", List.of()));
    }

    @Test
    void fourPeersReachTheAccuracyOfFourGradientAveragingWorkers() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        RunResult gaSgd = train(DATA + "workers: 4\n", new ArrayList<>());
        RunResult peers = train(DATA + "protocol: p2p\np2p: { peers: 4 }\n", log);

        assertThat(peers.metrics().get("testAccuracy")).isCloseTo(gaSgd.metrics().get("testAccuracy"), within(0.01));
        assertThat(log).anyMatch(l -> l.contains("the 4 peers that finished hold identical models"));
        assertThat(log).anyMatch(l -> l.contains("client-side"));
        assertThat(peers.curve()).hasSize(3);
    }

    @Test
    void functionsOfAPeerComputeTheirSlicesInParallelAndTheModelsStayIdentical() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        RunResult peers = train(DATA + "protocol: p2p\np2p: { peers: 3, functionsPerPeer: 2 }\n", log);

        assertThat(log).anyMatch(l -> l.contains("the 3 peers that finished hold identical models"));
        assertThat(log).anyMatch(l -> l.contains("averages its 2 functions' gradients"));
        assertThat(peers.metrics().get("testAccuracy")).isGreaterThan(0.5);
    }

    @Test
    void peersCombineTheirGradientsWithARobustRule() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        RunResult median = train(DATA + "protocol: p2p\np2p: { peers: 4, aggregation: median, f: 1 }\n", log);

        assertThat(log).anyMatch(l -> l.contains("the 4 peers that finished hold identical models"));
        assertThat(median.metrics().get("testAccuracy")).isGreaterThan(0.75);
    }
}
