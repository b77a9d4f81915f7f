package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.testing.RedisServerProcess;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Three peers run by hand (no driver), each with a Redis server of its own: when one server stops,
 * the other two peers cannot reach that peer's store, exclude it within the exclusion time, and
 * finish with bit-identical models, whether the store dies while its peer computes (the peer is
 * slow) or at any point of a round.
 */
class UnreachableStoreTest {

    @Test
    void thePeersOfAStoreThatStopsAreExcludedAndTheOthersFinish() throws Exception {
        runAndKill("epochs: 2", "stragglers: { slow: [2], factor: 20, delay: \"shifted-exponential:5,0.01\" }", 20, 0.75);
    }

    /**
     * No slow peer: the kill falls anywhere in a round, also after one survivor has read the dying
     * store's gradient and before the other has. The survivors agree on the round's gradients
     * ({@link RoundAgreement}), so their models are still bit-identical.
     */
    @Test
    void survivorsHoldBitIdenticalModelsWhereverInTheRoundTheStoreDies() throws Exception {
        runAndKill("epochs: 1", "", 10, 0.7);
    }

    private static void runAndKill(String epochs, String stragglers, int killAfterRound, double accuracy) throws Exception {
        RedisServerProcess[] servers = {RedisServerProcess.start(), RedisServerProcess.start(), RedisServerProcess.start()};
        try {
            String stores = "redis://127.0.0.1:" + servers[0].port() + " redis://127.0.0.1:" + servers[1].port()
                    + " redis://127.0.0.1:" + servers[2].port();
            BoundJob job = Protocols.read(PeerToPeerTrainingTest.DATA.replace("epochs: 3", epochs) + """
                    protocol: p2p
                    p2p: { peers: 3, stores: "%s", heartbeatMillis: 50, exclusionMillis: 600 }
                    %s
                    """.formatted(stores, stragglers), "job.yaml", List.of());
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<StandalonePeer.Result>> peers = new ArrayList<>();
            for (int rank = 0; rank < 3; rank++) {
                int r = rank;
                peers.add(CompletableFuture.supplyAsync(() -> StandalonePeer.run(job, "unreachable", r, null, false, log::add)));
            }
            PeerStoreDeathTest.killAfter(servers[2], killAfterRound);

            StandalonePeer.Result zero = peers.get(0).get(2, TimeUnit.MINUTES);
            StandalonePeer.Result one = peers.get(1).get(2, TimeUnit.MINUTES);
            assertThat(peers.get(2)).failsWithin(1, TimeUnit.MINUTES);
            assertThat(log).anyMatch(l -> l.matches("peer-0: (excluded peer-2 at round \\d+: not heard of for \\d+ ms"
                    + "|round \\d+: left out peer-2's gradient, which peers \\[\\d\\] did not get, and excluded peer-2).*"));
            assertThat(log).anyMatch(l -> l.matches("peer-1: (excluded peer-2 at round \\d+: not heard of for \\d+ ms"
                    + "|round \\d+: left out peer-2's gradient, which peers \\[\\d\\] did not get, and excluded peer-2).*"));
            assertThat(zero.parameters()).isEqualTo(one.parameters());
            assertThat(zero.metrics().get("testAccuracy")).isGreaterThan(accuracy);
        } finally {
            for (RedisServerProcess server : servers) {
                server.close();
            }
        }
    }
}
