package dev.cumulus.engine.p2p.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelAccessException;
import dev.cumulus.channel.Channels;
import dev.cumulus.engine.testing.RedisServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A peer's store with an ACL user per peer, on a real redis-server: the owner writes, the others read, strangers do neither. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerStoreAclTest {
    private static final String OWN = "runs/r1/p2p/peer-0/gradient/3";
    private RedisServerProcess server;

    @BeforeAll
    void startServerWithPeerUsers() throws Exception {
        server = RedisServerProcess.start("admin-pass");
        for (int rank = 0; rank < 3; rank++) {
            PeerStoreAclTest.cli(server.port(), "admin-pass", withCommand("SETUSER", PeerStoreAcl.setUser(rank, "pw-" + rank, false)));
        }
        cli(server.port(), "admin-pass", List.of("ACL", "SETUSER", "default", "off"));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String as(int rank) {
        return "redis://peer-" + rank + ":pw-" + rank + "@127.0.0.1:" + server.port();
    }

    @Test
    void theOwnerWritesItsKeysAndAnotherPeerReadsAndAwaitsThemButCannotWriteOrDeleteThem() {
        try (Channel owner = Channels.open(as(0)); Channel other = Channels.open(as(1))) {
            owner.put(OWN, new byte[] {1, 2});
            owner.put("runs/r1/data/chunk-0", new byte[] {3});
            owner.put("runs/r1/p2p/peer-0/alive", new byte[] {1}, Duration.ofSeconds(5));
            assertThat(other.get(OWN)).contains(new byte[] {1, 2});
            assertThat(other.await(OWN, Duration.ofSeconds(2))).containsExactly(1, 2);
            assertThat(other.list("runs/r1/p2p/peer-0/")).contains(OWN);
            assertThatThrownBy(() -> other.put(OWN, new byte[] {9})).isInstanceOf(ChannelAccessException.class)
                    .hasMessageContaining("NOPERM");
            assertThatThrownBy(() -> other.delete(OWN)).isInstanceOf(ChannelAccessException.class);
            assertThatThrownBy(() -> other.put("runs/r1/data/chunk-0", new byte[] {9})).isInstanceOf(ChannelAccessException.class);
            assertThat(owner.get(OWN)).contains(new byte[] {1, 2});
        }
    }

    @Test
    void aPeerWritesItsOwnJoinRequestIntoAnotherPeersStoreButNoOneElses() {
        try (Channel joiner = Channels.open(as(2))) {
            joiner.put("runs/r1/p2p/peer-0/join/2", new byte[] {1});
            joiner.put("runs/r1/p2p/peer-0/join-signature/2", new byte[] {1});
            assertThatThrownBy(() -> joiner.put("runs/r1/p2p/peer-0/join/1", new byte[] {1}))
                    .isInstanceOf(ChannelAccessException.class);
            assertThatThrownBy(() -> joiner.put("runs/r1/p2p/peer-0/gradient/4", new byte[] {1}))
                    .isInstanceOf(ChannelAccessException.class);
        }
    }

    @Test
    void aClientWithoutAPeersPasswordNeitherReadsNorWrites() {
        try (Channel owner = Channels.open(as(0))) {
            owner.put(OWN, new byte[] {1, 2});
        }
        assertThatThrownBy(() -> {
            try (Channel stranger = Channels.open("redis://127.0.0.1:" + server.port())) {
                stranger.get(OWN);
            }
        }).isInstanceOf(ChannelAccessException.class);
        assertThatThrownBy(() -> {
            try (Channel stranger = Channels.open("redis://127.0.0.1:" + server.port())) {
                stranger.put("runs/r1/p2p/peer-9/x", new byte[] {1});
            }
        }).isInstanceOf(ChannelAccessException.class);
        assertThatThrownBy(() -> Channels.open("redis://peer-1:wrong@127.0.0.1:" + server.port()))
                .isInstanceOf(ChannelAccessException.class);
    }

    @Test
    void aPeerCannotFlushTheStoreOrChangeItsConfiguration() {
        // the channel has no such calls: a raw client as peer 1 asks
        String flush = cliAs(server.port(), "peer-1", "pw-1", List.of("FLUSHALL"));
        assertThat(flush).containsIgnoringCase("NOPERM");
        assertThat(cliAs(server.port(), "peer-1", "pw-1", List.of("CONFIG", "SET", "requirepass", "x"))).containsIgnoringCase("NOPERM");
    }

    private static List<String> withCommand(String sub, List<String> args) {
        List<String> all = new ArrayList<>(List.of("ACL", sub));
        all.addAll(args);
        return all;
    }

    static String cli(int port, String password, List<String> command) throws Exception {
        return run(port, List.of("--user", "default", "--pass", password), command);
    }

    static String cliAs(int port, String user, String password, List<String> command) {
        try {
            return run(port, List.of("--user", user, "--pass", password), command);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(int port, List<String> auth, List<String> command) throws Exception {
        List<String> args = new ArrayList<>(List.of("redis-cli", "--no-auth-warning", "-h", "127.0.0.1", "-p", String.valueOf(port)));
        args.addAll(auth);
        args.addAll(command);
        Process cli = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(cli.getInputStream().readAllBytes());
        cli.waitFor();
        return out;
    }
}
