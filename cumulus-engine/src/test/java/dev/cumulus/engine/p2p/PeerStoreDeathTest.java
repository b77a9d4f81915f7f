package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import dev.cumulus.engine.run.RunResult;
import dev.cumulus.engine.testing.RedisServerProcess;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A driver run whose peers each have a Redis server of their own: when one server is killed in the
 * middle of training, that peer's function fails and keeps failing (it cannot open its store), so
 * the driver gives it up as a role that may end unfinished, and the run ends with the survivors'
 * model instead of failing.
 *
 * <p>Peer 2 is slow (20 times its computation), so the others wait for its gradient each round and
 * read it the moment it is published, and the kill falls into its computation: every survivor then
 * excludes it at the same round. (A store that dies between its peer's publication and the last
 * read of it leaves survivors with different models: a known limit, docs/P2P.md.)
 */
class PeerStoreDeathTest {
    /** The round after which peer 2's server is killed: well inside the run's 50 rounds. */
    private static final int KILL_AFTER_ROUND = 10;

    @Test
    void aPeerWhoseStoreDiesEndsUnfinishedAndTheOthersFinishTheRun() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (RedisServerProcess zero = RedisWithModule.start(); RedisServerProcess one = RedisWithModule.start();
             RedisServerProcess two = RedisWithModule.start()) {
            String job = PeerToPeerTrainingTest.DATA.replace("epochs: 3", "epochs: 1").replace("rows: 6000", "rows: 2400") + """
                    protocol: p2p
                    p2p: { peers: 3, stores: "%s %s %s", heartbeatMillis: 50, exclusionMillis: 600 }
                    platform: { maxRestarts: 1 }
                    stragglers: { slow: [2], factor: 20, delay: "shifted-exponential:5,0.01" }
                    """.formatted(zero.uri(0), one.uri(0), two.uri(0));
            CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> killAfter(two, KILL_AFTER_ROUND));
            RunResult result = PeerToPeerTrainingTest.train(job, log);
            killer.get(10, TimeUnit.SECONDS);

            assertThat(log).anyMatch(l -> l.matches("peer-0: excluded peer-2 at round \\d+: not heard of for \\d+ ms.*"));
            assertThat(log).anyMatch(l -> l.matches("peer-1: excluded peer-2 at round \\d+: not heard of for \\d+ ms.*"));
            assertThat(log).anyMatch(l -> l.startsWith("peer-2 ended unfinished: it failed 2 times"));
            assertThat(log).anyMatch(l -> l.startsWith("peer-2's store " + two.uri(0) + " is unreachable"));
            assertThat(log).anyMatch(l -> l.contains("the 2 peers that finished hold identical models [0, 1]"));
            assertThat(result.protocolReport()).containsEntry("unfinishedFunctions", List.of("peer-2"))
                    .containsEntry("peersFinished", List.of(0, 1));
            assertThat(result.metrics().get("testAccuracy")).isGreaterThan(0.6);
        }
    }

    /** Kills {@code server} (SIGKILL) once its peer has published round {@code round}. */
    static void killAfter(RedisServerProcess server, int round) {
        try (Channel store = Channels.open("redis://127.0.0.1:" + server.port())) {
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline && !published(store, round)) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.kill();
    }

    private static boolean published(Channel store, int round) {
        return store.list("runs/").stream().filter(k -> k.contains("/published/"))
                .mapToLong(k -> Long.parseLong(k.substring(k.lastIndexOf('/') + 1))).anyMatch(r -> r >= round);
    }
}
