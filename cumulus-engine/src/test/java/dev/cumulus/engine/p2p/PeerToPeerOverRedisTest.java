package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.engine.run.RunResult;
import dev.cumulus.engine.testing.RedisServerProcess;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Peers with a Redis store each: with Cumulus's module loaded they average their functions'
 * gradients inside the store, without it in the client, and both runs end with the same model.
 */
class PeerToPeerOverRedisTest {
    private static final String JOB = """
            dataset: { source: fashion-mnist, rows: 2400 }
            model: { type: softmax, standardize: true }
            algorithm: { optimizer: sgd, learningRate: 0.01, batchSize: 16, epochs: 1 }
            seed: 7
            protocol: p2p
            p2p: { peers: 3, functionsPerPeer: 3, stores: "%s" }
            """;

    private static String stores(IntStream databases, java.util.function.IntFunction<String> uri) {
        return databases.mapToObj(uri).collect(Collectors.joining(" "));
    }

    @Test
    void inStoreAveragingEndsWithTheModelOfClientSideAveraging() throws Exception {
        List<String> inStoreLog = Collections.synchronizedList(new ArrayList<>());
        List<String> clientLog = Collections.synchronizedList(new ArrayList<>());
        RunResult inStore;
        RunResult clientSide;
        try (RedisServerProcess module = RedisWithModule.start(); RedisServerProcess plain = RedisServerProcess.start()) {
            inStore = PeerToPeerTrainingTest.train(JOB.formatted(stores(IntStream.range(0, 3), module::uri)), inStoreLog);
            clientSide = PeerToPeerTrainingTest.train(JOB.formatted(stores(IntStream.range(0, 3),
                    db -> "redis://127.0.0.1:" + plain.port() + "/" + db)), clientLog);
        }
        assertThat(inStoreLog).filteredOn(l -> l.contains("averages its 3 functions' gradients in the store")).hasSize(3);
        assertThat(clientLog).filteredOn(l -> l.contains("averages its 3 functions' gradients client-side")).hasSize(3);
        assertThat(inStoreLog).anyMatch(l -> l.contains("the 3 peers that finished hold identical models"));
        assertThat(inStore.model().parameters()).isEqualTo(clientSide.model().parameters());
        assertThat(inStore.metrics().get("testAccuracy")).isGreaterThan(0.6);
    }

    /** Without p2p.stores and with a Redis run channel, the peers share it under per-peer keys, and still average in it. */
    @Test
    void peersShareARedisRunChannelAndAverageInIt() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (RedisServerProcess module = RedisWithModule.start()) {
            String job = JOB.replace(", stores: \"%s\"", "") + "channel: \"" + module.uri(0) + "\"\n";
            RunResult result = PeerToPeerTrainingTest.train(job, log);
            assertThat(result.metrics().get("testAccuracy")).isGreaterThan(0.6);
        }
        assertThat(log).anyMatch(l -> l.contains("(the peers share the run's channel)"));
        assertThat(log).filteredOn(l -> l.contains("gradients in the store")).hasSize(3);
        assertThat(log).anyMatch(l -> l.contains("the 3 peers that finished hold identical models"));
    }
}
