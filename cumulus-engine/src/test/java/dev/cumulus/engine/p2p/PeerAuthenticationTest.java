package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelTimeoutException;
import dev.cumulus.channel.Channels;
import dev.cumulus.engine.p2p.auth.KeyFiles;
import dev.cumulus.engine.p2p.auth.Signer;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.protocol.RunKeys;
import dev.cumulus.engine.run.RunResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers with keys (docs/P2P.md, "Authenticated peers"): honest peers refuse a Byzantine peer's
 * forged, altered, unsigned and replayed gradients, count them by reason, and finish in step.
 */
class PeerAuthenticationTest {
    private static final String DATA = PeerToPeerTrainingTest.DATA.replace("epochs: 3", "epochs: 1");

    @Test
    void honestPeersRefuseAndCountForgedAlteredUnsignedAndReplayedGradientsAndFinishInStep(@TempDir Path dir) throws Exception {
        PeerKeysFixture keys = PeerKeysFixture.generate(dir, 4);
        BoundJob job = Protocols.read(DATA + """
                protocol: p2p
                p2p: { peers: 4, heartbeatMillis: 50, exclusionMillis: 2000, %s }
                """.formatted(keys.jobKeys()), "job.yaml", List.of());
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        String run = "attacked";
        try (Channel byzantine = Channels.open("memory:run-" + run + "-peer-3")) {
            Attacker attacker = new Attacker(run, byzantine, keys);
            CompletableFuture<int[]> attack = CompletableFuture.supplyAsync(attacker::run);
            List<CompletableFuture<StandalonePeer.Result>> peers = new ArrayList<>();
            for (int rank = 0; rank < 3; rank++) {
                int r = rank;
                peers.add(CompletableFuture.supplyAsync(() -> StandalonePeer.run(job, run, r, null, false, log::add)));
            }
            List<StandalonePeer.Result> results = new ArrayList<>();
            for (CompletableFuture<StandalonePeer.Result> peer : peers) {
                results.add(peer.get(3, TimeUnit.MINUTES));
            }
            attacker.stop.set(true);
            int[] byKind = attack.get(1, TimeUnit.MINUTES);

            assertThat(byKind[Attacker.VALID]).isPositive();
            String counts = "{unsigned=" + byKind[Attacker.UNSIGNED] + ", unknown-peer=0, forged=" + byKind[Attacker.FORGED]
                    + ", altered=" + byKind[Attacker.ALTERED] + ", replayed=" + byKind[Attacker.REPLAYED] + "}";
            int total = byKind[Attacker.UNSIGNED] + byKind[Attacker.FORGED] + byKind[Attacker.ALTERED] + byKind[Attacker.REPLAYED];
            for (int r = 0; r < 3; r++) {
                assertThat(log).contains("peer-" + r + ": rejected " + total + " messages " + counts);
                assertThat(log).contains("peer-" + r + ": rejected peer-3's gradient of round 1: replayed (further ones are counted)");
                assertThat(results.get(r).parameters()).isEqualTo(results.get(0).parameters());
            }
            assertThat(results.get(0).metrics().get("testAccuracy")).isGreaterThan(0.7);
        }
    }

    @Test
    void aJoinerWithAListedKeyIsAdmittedAndAnUnlistedOneIsRefusedAndCounted(@TempDir Path dir) throws Exception {
        PeerKeysFixture keys = PeerKeysFixture.generate(dir, 4);
        String yaml = PeerToPeerTrainingTest.DATA + """
                protocol: p2p
                p2p: { peers: 3, stores: "memory:sjoin-0 memory:sjoin-1 memory:sjoin-2", heartbeatMillis: 50,
                       exclusionMillis: 1000, roundTimeoutMillis: 20000, %s }
                stragglers: { delay: "shifted-exponential:10,0.01" }
                """.formatted(keys.jobKeys());
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        BoundJob bound = Protocols.read(yaml, "job.yaml", List.of());
        CompletableFuture<RunResult> run = CompletableFuture.supplyAsync(() -> PeerToPeerTrainingTest.train(yaml, log));
        long deadline = System.currentTimeMillis() + 30_000;
        java.util.Optional<String> live;
        while ((live = StandalonePeer.liveRun(bound.spec(), bound.spec().settings(P2pSettings.class))).isEmpty()) {
            assertThat(System.currentTimeMillis()).as("the run's peers are alive").isLessThan(deadline);
            Thread.sleep(20);
        }
        // rank 5 is in no key list: its request, signed with a key of its own, is written into every peer's store
        Signer unlisted = new Signer(live.get(), 5, KeyFiles.generate().getPrivate());
        for (int q = 0; q < 3; q++) {
            try (Channel store = Channels.open("memory:sjoin-" + q)) {
                PeerKeys peer = new PeerKeys(new RunKeys(live.get()), q);
                store.put(peer.joinSignature(5), unlisted.sign(-1, "memory:sjoin-5".getBytes()).encode());
                store.put(peer.join(5), "memory:sjoin-5".getBytes());
            }
        }
        List<String> joinerLog = new ArrayList<>();
        StandalonePeer.Result joined = StandalonePeer.run(bound, null, 3, "memory:sjoin-3", true, joinerLog::add);
        RunResult result = run.get(2, TimeUnit.MINUTES);

        assertThat(joined.parameters()).isEqualTo(result.model().parameters());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Long>> rejected = (Map<String, Map<String, Long>>) result.protocolReport().get("rejectedMessages");
        for (int q = 0; q < 3; q++) {
            assertThat(log).anyMatch(l -> l.matches("peer-\\d: admitted peer-3 from round \\d+"));
            assertThat(log).contains("peer-" + q + ": rejected peer-5's join request: unknown-peer (further ones are counted)");
            assertThat(rejected.get("peer-" + q)).containsEntry("unknown-peer", 1L);
        }
        assertThat(log).noneMatch(l -> l.contains("admitted peer-5"));
    }

    @Test
    void aRunWithKeysReportsItsRefusalsAndRecordsNoPrivateKey(@TempDir Path dir) throws Exception {
        PeerKeysFixture keys = PeerKeysFixture.generate(dir, 3);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        RunResult result = PeerToPeerTrainingTest.train(DATA + "protocol: p2p\np2p: { peers: 3, " + keys.jobKeys() + " }\n", log);

        assertThat(log).anyMatch(l -> l.contains("the 3 peers that finished hold identical models"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Long>> rejected = (Map<String, Map<String, Long>>) result.protocolReport().get("rejectedMessages");
        assertThat(rejected).containsOnlyKeys("peer-0", "peer-1", "peer-2");
        assertThat(rejected.get("peer-1")).containsEntry("forged", 0L).containsEntry("replayed", 0L).hasSize(5);
        String recorded = result.provenance().toString() + result.protocolReport() + log + result.job().job().nested();
        for (String secret : keys.privateKeyTexts()) {
            assertThat(recorded).doesNotContain(secret);
        }
        assertThat(result.metrics().get("testAccuracy")).isGreaterThan(0.7);
    }

    @Test
    void aPeerWhosePrivateKeyIsNotItsOwnInTheListDoesNotStart(@TempDir Path dir) throws Exception {
        PeerKeysFixture keys = PeerKeysFixture.generate(dir, 2);
        BoundJob job = Protocols.read(DATA + "protocol: p2p\np2p: { peers: 2, " + keys.jobKeys() + " }\n", "job.yaml", List.of());
        assertThatThrownBy(() -> StandalonePeer.run(job, "wrong-key", 0, "memory:wrong-key-0", false, dir.resolve("peer-1.key"),
                line -> { }))
                .hasMessageContaining("peer-0: private key " + dir.resolve("peer-1.key") + " is not the key");
    }

    @Test
    void aPrivateKeyWithoutAKeyListIsAnInvalidJob() {
        assertThatThrownBy(() -> Protocols.read(DATA + "protocol: p2p\np2p: { peers: 2, privateKey: \"k/peer-{rank}.key\" }\n",
                "job.yaml", List.of())).hasMessageContaining("p2p.keys");
    }

    /**
     * Peer 3, Byzantine but holding its own genuine key, publishing in its own store: round r's
     * message is genuine when r % 5 == 0, then in turn a replay of the round before, a signed
     * message with a bit of the gradient flipped, one signed with a key not its own, one unsigned.
     */
    private static final class Attacker {
        static final int VALID = 0;
        static final int REPLAYED = 1;
        static final int ALTERED = 2;
        static final int FORGED = 3;
        static final int UNSIGNED = 4;
        final AtomicBoolean stop = new AtomicBoolean();
        private final Channel store;
        private final PeerKeys mine;
        private final PeerKeys honest;
        private final Signer signer;
        private final Signer stranger;

        Attacker(String run, Channel store, PeerKeysFixture keys) {
            this.store = store;
            RunKeys runKeys = new RunKeys(run);
            this.mine = new PeerKeys(runKeys, 3);
            this.honest = new PeerKeys(runKeys, 0);
            this.signer = new Signer(run, 3, keys.pairs().get(3).getPrivate());
            this.stranger = new Signer(run, 3, KeyFiles.generate().getPrivate());
        }

        int[] run() {
            int[] byKind = new int[5];
            byte[] previousGradient = null;
            byte[] previousSignature = null;
            byte[] mark = JoinList.encode(Map.of());
            try (Channel peerZero = Channels.open("memory:run-" + mine.run().runId() + "-peer-0")) {
                for (long round = 0; !stop.get(); round++) {
                    store.put(mine.alive(), new byte[] {1}, Duration.ofSeconds(10));
                    byte[] gradient = awaitRound(peerZero, round);
                    if (gradient == null) {
                        break;
                    }
                    int kind = (int) (round % 5);
                    byte[] signature = signer.sign(round, gradient, mark).encode();
                    switch (kind) {
                        case REPLAYED -> {
                            gradient = previousGradient;
                            signature = previousSignature;
                        }
                        case ALTERED -> gradient[gradient.length - 9] ^= 0x01;
                        case FORGED -> signature = stranger.sign(round, gradient, mark).encode();
                        default -> { }
                    }
                    store.put(mine.gradient(round), gradient);
                    if (kind == UNSIGNED) {
                        store.delete(mine.signature(round));
                    } else {
                        store.put(mine.signature(round), signature);
                    }
                    store.put(mine.published(round), mark);
                    // Its seen set, as every peer publishes one: without it the honest peers that
                    // admitted its gradient wait for it until the round's time-out (RoundAgreement).
                    store.put(mine.seen(round), RoundAgreement.encode(List.of(0, 1, 2, 3)));
                    byKind[kind]++;
                    previousGradient = gradient.clone();
                    previousSignature = signature;
                }
            }
            store.put(mine.finished(), new byte[] {1});
            return byKind;
        }

        /** Peer 0's gradient of {@code round} (a real gradient to mimic), once it is waiting in that round; null when it has finished. */
        private byte[] awaitRound(Channel peerZero, long round) {
            while (!stop.get()) {
                try {
                    peerZero.await(honest.published(round), Duration.ofMillis(200));
                    return peerZero.get(honest.gradient(round)).orElseThrow().clone();
                } catch (ChannelTimeoutException e) {
                    store.put(mine.alive(), new byte[] {1}, Duration.ofSeconds(10));
                    if (peerZero.get(honest.finished()).isPresent()) {
                        return null;
                    }
                }
            }
            return null;
        }
    }
}
