package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.Channels;
import dev.cumulus.engine.p2p.auth.PeerStoreAcl;
import dev.cumulus.engine.protocol.BoundJob;
import dev.cumulus.engine.protocol.Protocols;
import dev.cumulus.engine.testing.RedisServerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers without a driver training over Redis stores that only their owner can write (an ACL user
 * per peer, {@code default} disabled) and over TLS with certificates generated here, with signed
 * gradients: they finish in step, and the stores refuse clients without a peer's password or TLS.
 */
class SecuredPeerStoresTest {
    private static final String DATA = PeerToPeerTrainingTest.DATA.replace("epochs: 3", "epochs: 1");

    @Test
    void peersTrainOverStoresWhereEachWritesOnlyItsOwnKeys(@TempDir Path dir) throws Exception {
        PeerKeysFixture keys = PeerKeysFixture.generate(dir, 3);
        List<RedisServerProcess> servers = new ArrayList<>();
        try {
            StringBuilder stores = new StringBuilder();
            for (int s = 0; s < 3; s++) {
                RedisServerProcess server = RedisServerProcess.start("admin-" + s);
                servers.add(server);
                for (int rank = 0; rank < 3; rank++) {
                    List<String> command = new ArrayList<>(List.of("ACL", "SETUSER"));
                    command.addAll(PeerStoreAcl.setUser(rank, "pw-" + rank, false));
                    PeerStoreAclCli.run(server.port(), "admin-" + s, command);
                }
                PeerStoreAclCli.run(server.port(), "admin-" + s, List.of("ACL", "SETUSER", "default", "off"));
                stores.append(s == 0 ? "" : " ").append("redis://peer-{rank}:pw-{rank}@127.0.0.1:").append(server.port());
            }
            List<StandalonePeer.Result> results = train(DATA + """
                    protocol: p2p
                    p2p: { peers: 3, stores: "%s", heartbeatMillis: 100, exclusionMillis: 3000, %s }
                    """.formatted(stores, keys.jobKeys()), "acl", 3);

            assertThat(results.get(1).parameters()).isEqualTo(results.get(0).parameters());
            assertThat(results.get(2).parameters()).isEqualTo(results.get(0).parameters());
            assertThat(results.get(0).metrics().get("testAccuracy")).isGreaterThan(0.7);
            // peer 1, in peer 0's store: it reads, it cannot write there
            try (Channel asPeerOne = Channels.open("redis://peer-1:pw-1@127.0.0.1:" + servers.get(0).port())) {
                assertThat(asPeerOne.get("runs/acl/p2p/peer-0/model")).isPresent();
                assertThatThrownBy(() -> asPeerOne.put("runs/acl/p2p/peer-0/model", new byte[] {1}))
                        .hasMessageContaining("NOPERM");
            }
            assertThatThrownBy(() -> {
                try (Channel stranger = Channels.open("redis://127.0.0.1:" + servers.get(0).port())) {
                    stranger.get("runs/acl/p2p/peer-0/model");
                }
            }).isInstanceOf(ChannelException.class);
        } finally {
            servers.forEach(RedisServerProcess::close);
        }
    }

    @Test
    void peersTrainOverTlsAndAPlainTextClientIsRefused(@TempDir Path dir) throws Exception {
        TestCertificates certificates = TestCertificates.generate(dir);
        PeerKeysFixture keys = PeerKeysFixture.generate(dir, 2);
        List<RedisServerProcess> servers = new ArrayList<>();
        try {
            StringBuilder stores = new StringBuilder();
            for (int s = 0; s < 2; s++) {
                RedisServerProcess server = RedisServerProcess.startTls("tls-pass", certificates.certificate(), certificates.key(),
                        certificates.ca());
                servers.add(server);
                stores.append(s == 0 ? "" : " ").append("rediss://:tls-pass@127.0.0.1:").append(server.port())
                        .append("?caCert=").append(certificates.ca());
            }
            List<StandalonePeer.Result> results = train(DATA + """
                    protocol: p2p
                    p2p: { peers: 2, stores: "%s", heartbeatMillis: 100, exclusionMillis: 3000, %s }
                    """.formatted(stores, keys.jobKeys()), "tls", 2);

            assertThat(results.get(1).parameters()).isEqualTo(results.get(0).parameters());
            assertThat(results.get(0).metrics().get("testAccuracy")).isGreaterThan(0.7);
            int port = servers.get(0).port();
            assertThatThrownBy(() -> {
                try (Channel plain = Channels.open("redis://:tls-pass@127.0.0.1:" + port + "?timeoutMillis=2000&attempts=1")) {
                    plain.get("runs/tls/p2p/peer-0/model");
                }
            }).isInstanceOf(ChannelException.class);
            // TLS to a server whose CA the client was not told to trust: refused too
            assertThatThrownBy(() -> {
                try (Channel untrusting = Channels.open("rediss://:tls-pass@127.0.0.1:" + port + "?timeoutMillis=2000&attempts=1")) {
                    untrusting.get("runs/tls/p2p/peer-0/model");
                }
            }).isInstanceOf(ChannelException.class);
        } finally {
            servers.forEach(RedisServerProcess::close);
        }
    }

    @Test
    void theRunRecordsThePeersStoresWithoutTheirPasswords() throws Exception {
        try (RedisServerProcess server = RedisServerProcess.start("hunter2-secret")) {
            String at = ":hunter2-secret@127.0.0.1:" + server.port();
            List<String> log = Collections.synchronizedList(new ArrayList<>());
            dev.cumulus.engine.run.RunResult result = PeerToPeerTrainingTest.train(DATA.replace("rows: 6000", "rows: 1000")
                    + "protocol: p2p\np2p: { peers: 2, stores: \"redis://" + at + "/1 redis://" + at + "/2\" }\n", log);
            String recorded = result.provenance().toString();
            assertThat(recorded).contains("redis://:***@127.0.0.1:" + server.port() + "/1 redis://:***@127.0.0.1:");
            assertThat(recorded + log).doesNotContain("hunter2-secret");
        }
    }

    private static List<StandalonePeer.Result> train(String yaml, String run, int peers) throws Exception {
        BoundJob job = Protocols.read(yaml, "job.yaml", List.of());
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<StandalonePeer.Result>> futures = new ArrayList<>();
        for (int rank = 0; rank < peers; rank++) {
            int r = rank;
            futures.add(CompletableFuture.supplyAsync(() -> StandalonePeer.run(job, run, r, null, false, log::add)));
        }
        List<StandalonePeer.Result> results = new ArrayList<>();
        for (CompletableFuture<StandalonePeer.Result> future : futures) {
            results.add(future.get(3, TimeUnit.MINUTES));
        }
        for (int r = 0; r < peers; r++) {
            assertThat(log).as(String.join("\n", log)).contains("peer-" + r + ": rejected 0 messages");
        }
        return results;
    }

    /** redis-cli as the default user, for the set-up a store's administrator does. */
    static final class PeerStoreAclCli {
        static void run(int port, String password, List<String> command) throws Exception {
            List<String> args = new ArrayList<>(List.of("redis-cli", "--no-auth-warning", "-h", "127.0.0.1", "-p",
                    String.valueOf(port), "--user", "default", "--pass", password));
            args.addAll(command);
            Process cli = new ProcessBuilder(args).redirectErrorStream(true).start();
            String out = new String(cli.getInputStream().readAllBytes());
            assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(out.trim()).as(String.join(" ", command.subList(0, 3))).isEqualTo("OK");
        }
    }
}
