package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.engine.protocol.RunKeys;
import dev.cumulus.engine.testing.RedisServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The survivors of a store's death combine the same gradients: the race the agreement closes is
 * staged by hand, with two real peers' {@link RoundGather}s and a third peer's store that dies
 * after one of them has read its gradient and before the other does.
 */
class RoundAgreementTest {
    private static final RunKeys RUN = new RunKeys("agree");
    private static final P2pSettings SETTINGS = new P2pSettings(3, 1, List.of(), "mean", 0, 50, 600, 30_000);

    @Test
    void aGradientIsDisputedWhenAnotherPeersSeenSetLacksIt() {
        Map<Integer, Set<Integer>> seen = Map.of(1, Set.of(0, 1), 2, Set.of(0, 1, 2));
        assertThat(RoundAgreement.disputed(0, Set.of(0, 1, 2), seen)).containsExactly(2);
        // The owner's own seen set lacking another's gradient disputes that one, never its own.
        assertThat(RoundAgreement.disputed(0, Set.of(0, 1, 2), Map.of(2, Set.of(0, 2)))).containsExactly(1);
        assertThat(RoundAgreement.disputed(0, Set.of(0, 1, 2), Map.of(1, Set.of(0, 1, 2)))).isEmpty();
        // This peer's own gradient is never disputed by it, nor a peer's by that peer's own seen set.
        assertThat(RoundAgreement.disputed(0, Set.of(0, 1), Map.of(1, Set.of(1)))).isEmpty();
    }

    @Test
    void onlyDisputedGradientsWhosePeerIsUnreachableAreDropped() {
        assertThat(RoundAgreement.dropped(new java.util.TreeSet<>(Set.of(1, 2, 3)), q -> q == 2)).containsExactly(1, 3);
    }

    @Test
    void seenSetsReadBackAndAnythingElseIsNoEvidence() {
        assertThat(RoundAgreement.decode(RoundAgreement.encode(List.of(3, 0, 12)))).contains(Set.of(0, 3, 12));
        assertThat(RoundAgreement.decode(RoundAgreement.encode(List.of()))).contains(Set.of());
        assertThat(RoundAgreement.decode("joins\n1\n".getBytes())).isEmpty();
        assertThat(RoundAgreement.decode("seen\n1\nx\n".getBytes())).isEmpty();
    }

    @Test
    void survivorsCombineTheSameGradientsWhenAStoreDiesBetweenTheirReads() throws Exception {
        RedisServerProcess[] servers = {RedisServerProcess.start(), RedisServerProcess.start(), RedisServerProcess.start()};
        try (Peers peers = new Peers(servers)) {
            for (int q = 0; q < 3; q++) {
                peers.publish(q, 0);
            }
            // Peer 0 reads all three gradients, then waits for the others' seen sets.
            CompletableFuture<RoundGather.Gathered> zero = CompletableFuture.supplyAsync(() -> peers.gather(0, 0));
            peers.awaitSeen(0, 0);
            servers[2].kill();
            // Peer 1 reads only after the store died: it excludes peer 2 and lacks its gradient.
            RoundGather.Gathered one = peers.gather(1, 0);
            RoundGather.Gathered first = zero.get(1, TimeUnit.MINUTES);

            assertThat(one.gradients().keySet()).containsExactly(0, 1);
            assertThat(first.gradients().keySet()).containsExactly(0, 1);
            assertThat(first.gradients().values()).zipSatisfy(List.copyOf(one.gradients().values()),
                    (a, b) -> assertThat(a).isEqualTo(b));
            assertThat(peers.log(0)).anyMatch(l -> l.startsWith("peer-0: round 0: left out peer-2's gradient, which peers [1]"
                    + " did not get, and excluded peer-2"));
            assertThat(peers.members[0].isLive(2)).isFalse();
        } finally {
            for (RedisServerProcess server : servers) {
                server.close();
            }
        }
    }

    @Test
    void aSeenSetCannotDropTheGradientOfAPeerWhoseStoreAnswers() throws Exception {
        RedisServerProcess[] servers = {RedisServerProcess.start(), RedisServerProcess.start(), RedisServerProcess.start()};
        try (Peers peers = new Peers(servers)) {
            for (int q = 0; q < 3; q++) {
                peers.publish(q, 0);
            }
            // Peers 1 and 2 claim to have seen only their own gradients (a lie, or a partition of theirs).
            peers.stores[1].put(new PeerKeys(RUN, 1).seen(0), RoundAgreement.encode(List.of(1)));
            peers.stores[2].put(new PeerKeys(RUN, 2).seen(0), RoundAgreement.encode(List.of(2)));
            RoundGather.Gathered gathered = peers.gather(0, 0);
            assertThat(gathered.gradients().keySet()).containsExactly(0, 1, 2);
            assertThat(peers.members[0].live()).containsExactly(0, 1, 2);
        } finally {
            for (RedisServerProcess server : servers) {
                server.close();
            }
        }
    }

    /** Three peers' stores, each peer's view of them, and the gathers of peers 0 and 1. */
    private static final class Peers implements AutoCloseable {
        final Channel[] stores = new Channel[3];
        final PeerChannels[] views = new PeerChannels[2];
        final Membership[] members = new Membership[2];
        final PeerLog[] logs = new PeerLog[2];
        final RoundGather[] gathers = new RoundGather[2];

        Peers(RedisServerProcess[] servers) {
            List<String> uris = new ArrayList<>();
            for (int q = 0; q < 3; q++) {
                uris.add("redis://127.0.0.1:" + servers[q].port());
                stores[q] = Channels.open(uris.get(q));
            }
            for (int p = 0; p < 2; p++) {
                views[p] = new PeerChannels(p, stores[p], uris.get(p), SETTINGS.exclusionMillis());
                for (int q = 0; q < 3; q++) {
                    views[p].open(q, uris.get(q));
                }
                members[p] = new Membership(List.of(0, 1, 2), System.currentTimeMillis(), SETTINGS.exclusionMillis());
                logs[p] = new PeerLog(stores[p], new PeerKeys(RUN, p).log(), "peer-" + p);
                PeerAuth auth = PeerAuth.of(PeerAuthSettings.NONE, RUN.runId(), p, null, logs[p]);
                ExcludedStoreProbe probe = new ExcludedStoreProbe(1_000, (q, uri) -> false, line -> { });
                gathers[p] = new RoundGather(p, RUN, views[p], SETTINGS, logs[p], auth, probe);
            }
        }

        /** Peer {@code q}'s gradient of {@code round} (its rank + 1 everywhere) and mark, and a heartbeat. */
        void publish(int q, long round) {
            PeerKeys keys = new PeerKeys(RUN, q);
            stores[q].put(keys.alive(), new byte[] {1}, Duration.ofMinutes(1));
            stores[q].put(keys.gradient(round), FloatCodec.encode(new float[] {q + 1, q + 1, 1}));
            stores[q].put(keys.published(round), JoinList.encode(Map.of()));
        }

        RoundGather.Gathered gather(int p, long round) {
            members[p].heard(0, System.currentTimeMillis());
            return gathers[p].gather(round, members[p]);
        }

        void awaitSeen(int p, long round) {
            stores[p].await(new PeerKeys(RUN, p).seen(round), Duration.ofMinutes(1));
        }

        List<String> log(int p) {
            return PeerLog.read(stores[p], new PeerKeys(RUN, p).log());
        }

        @Override
        public void close() {
            for (PeerChannels view : views) {
                view.close();
            }
            for (Channel store : stores) {
                try {
                    store.close();
                } catch (RuntimeException e) {
                    // a killed server's channel
                }
            }
        }
    }
}
