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
 * finish with identical models.
 */
class UnreachableStoreTest {

    @Test
    void thePeersOfAStoreThatStopsAreExcludedAndTheOthersFinish() throws Exception {
        RedisServerProcess[] servers = {RedisServerProcess.start(), RedisServerProcess.start(), RedisServerProcess.start()};
        try {
            String stores = "redis://127.0.0.1:" + servers[0].port() + " redis://127.0.0.1:" + servers[1].port()
                    + " redis://127.0.0.1:" + servers[2].port();
            BoundJob job = Protocols.read(PeerToPeerTrainingTest.DATA.replace("epochs: 3", "epochs: 2") + """
                    protocol: p2p
                    p2p: { peers: 3, stores: "%s", heartbeatMillis: 50, exclusionMillis: 600 }
                    stragglers: { slow: [2], factor: 20, delay: "shifted-exponential:5,0.01" }
                    """.formatted(stores), "job.yaml", List.of());
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<StandalonePeer.Result>> peers = new ArrayList<>();
            for (int rank = 0; rank < 3; rank++) {
                int r = rank;
                peers.add(CompletableFuture.supplyAsync(() -> StandalonePeer.run(job, "unreachable", r, null, false, log::add)));
            }
            // Some rounds pass first; peer 2 is slow, so the kill falls into its computation (PeerStoreDeathTest says why).
            PeerStoreDeathTest.killAfter(servers[2], 20);

            StandalonePeer.Result zero = peers.get(0).get(2, TimeUnit.MINUTES);
            StandalonePeer.Result one = peers.get(1).get(2, TimeUnit.MINUTES);
            assertThat(peers.get(2)).failsWithin(1, TimeUnit.MINUTES);
            assertThat(log).anyMatch(l -> l.matches("peer-0: excluded peer-2 at round \\d+: not heard of for \\d+ ms.*"));
            assertThat(log).anyMatch(l -> l.matches("peer-1: excluded peer-2 at round \\d+: not heard of for \\d+ ms.*"));
            assertThat(zero.parameters()).isEqualTo(one.parameters());
            assertThat(zero.metrics().get("testAccuracy")).isGreaterThan(0.75);
        } finally {
            for (RedisServerProcess server : servers) {
                server.close();
            }
        }
    }
}
