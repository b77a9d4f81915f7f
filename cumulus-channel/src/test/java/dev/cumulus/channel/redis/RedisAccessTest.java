package dev.cumulus.channel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelAccessException;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.codec.FloatSlice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Passwords, ACL users, TLS and server-side wake-ups (bells) against a real redis-server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisAccessTest {
    private static final String PASSWORD = "s3cret-pass";
    private RedisServer server;

    @BeforeAll
    void startServer() {
        server = RedisServer.start(PASSWORD, List.of());
        server.cli("ACL", "SETUSER", "worker", "on", ">worker-pass", "~*", "+@all");
        server.cli("ACL", "SETUSER", "reader", "on", ">reader-pass", "~*", "&*", "+get", "+ping", "+hello", "+subscribe");
        server.cli("ACL", "SETUSER", "deaf", "on", ">deaf-pass", "~*", "+@all", "-xread");
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private String at(String userInfo) {
        return "redis://" + userInfo + "@127.0.0.1:" + server.port();
    }

    @Test
    void theRightPasswordOpensTheChannel() {
        try (Channel channel = Channels.open(at(":" + PASSWORD))) {
            channel.put("pw/k", new byte[] {1});
            assertThat(channel.get("pw/k")).isPresent();
            assertThat(channel.describe()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aWrongPasswordIsReportedAsSuch() {
        assertThatThrownBy(() -> Channels.open(at(":wrong")))
                .isInstanceOf(ChannelAccessException.class)
                .hasMessageContaining("WRONGPASS")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong@"));
    }

    @Test
    void noPasswordForAProtectedServerIsReportedAsSuch() {
        assertThatThrownBy(() -> {
            try (Channel channel = Channels.open("redis://127.0.0.1:" + server.port())) {
                channel.put("k", new byte[] {1});
            }
        }).isInstanceOf(ChannelAccessException.class).hasMessageContaining("NOAUTH");
    }

    @Test
    void anAclUserWithTheNeededPermissionsWorks() throws Exception {
        try (Channel channel = Channels.open(at("worker:worker-pass"))) {
            assertThat(channel.describe()).isEqualTo("redis://worker@127.0.0.1:" + server.port());
            channel.put("acl/k", new byte[] {2});
            assertThat(channel.increment("acl/c", 3)).isEqualTo(3);
            assertThat(((RedisChannel) channel).notificationsEnabled()).isTrue();
        }
    }

    @Test
    void aCommandTheAclForbidsIsReportedAsSuch() {
        try (Channel channel = Channels.open(at("reader:reader-pass"))) {
            assertThat(channel.get("anything")).isEmpty();
            assertThatThrownBy(() -> channel.put("forbidden", new byte[] {1}))
                    .isInstanceOf(ChannelAccessException.class)
                    .hasMessageContaining("NOPERM")
                    .hasMessageContaining("put 'forbidden'");
        }
    }

    @Test
    void anUnknownAclUserIsReportedAsSuch() {
        assertThatThrownBy(() -> Channels.open(at("nobody:x"))).isInstanceOf(ChannelAccessException.class);
    }

    @Test
    void withoutPermissionToReadBellsAWaitFallsBackToPolling() throws Exception {
        try (Channel waiter = Channels.open(at("deaf:deaf-pass"));
             Channel writer = Channels.open(at("worker:worker-pass"))) {
            try (LaterPut put = new LaterPut(writer, "poll/k", new byte[] {5}, 200)) {
                assertThat(waiter.await("poll/k", Duration.ofSeconds(5))).containsExactly(5);
                assertThat(((RedisChannel) waiter).notificationsEnabled()).isFalse();
                put.finish();
            }
        }
    }

    @Test
    void withoutPermissionToReadBellsAnAsyncWaitFallsBackToPolling() throws Exception {
        try (Channel waiter = Channels.open(at("deaf:deaf-pass"));
             Channel writer = Channels.open(at("worker:worker-pass"))) {
            assertAsyncWaitGets(waiter, writer, "poll-async/k", 6, 200, Duration.ofSeconds(5));
        }
    }

    @Test
    void anAsyncWaitOutlastsTheServersOneSecondBlocks() throws Exception {
        try (Channel waiter = Channels.open(at(":" + PASSWORD)); Channel writer = Channels.open(at(":" + PASSWORD))) {
            assertAsyncWaitGets(waiter, writer, "long-async/k", 7, 1_300, Duration.ofSeconds(10));
        }
    }

    @Test
    void anAsyncWaitForAKeyDeletedAfterItsBellRangWaitsForTheNextPutWithoutSpinning() throws Exception {
        try (Channel waiter = Channels.open(at(":" + PASSWORD)); Channel writer = Channels.open(at(":" + PASSWORD))) {
            writer.put("gone-async/k", new byte[] {1});
            server.cli("DEL", "gone-async/k");
            server.cli("CONFIG", "RESETSTAT");
            assertAsyncWaitGets(waiter, writer, "gone-async/k", 2, 300, Duration.ofSeconds(5));
            assertThat(calls(server.cli("INFO", "commandstats"), "get")).isBetween(1L, 3L);
        }
    }

    /**
     * A put of {@code value} into {@code key} {@code afterMillis} from now reaches an async wait of
     * {@code wait} on {@code waiter}, whose future is given five seconds more than the wait.
     */
    private static void assertAsyncWaitGets(Channel waiter, Channel writer, String key, int value, long afterMillis,
                                            Duration wait) throws Exception {
        try (LaterPut put = new LaterPut(writer, key, new byte[] {(byte) value}, afterMillis)) {
            assertThat(waiter.awaitThenGetAsync(key, List.of(), wait).get(wait.toSeconds() + 5, TimeUnit.SECONDS)
                    .get(0)).containsExactly(value);
            put.finish();
        }
    }

    @Test
    void aWaitingWorkerIsWokenByThePutInsteadOfPolling() throws Exception {
        try (Channel waiter = Channels.open(at(":" + PASSWORD)); Channel writer = Channels.open(at(":" + PASSWORD))) {
            server.cli("CONFIG", "RESETSTAT");
            try (LaterPut put = new LaterPut(writer, "wake/k", new byte[] {9}, 700)) {
                long start = System.nanoTime();
                assertThat(waiter.await("wake/k", Duration.ofSeconds(10))).containsExactly(9);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(950));
                put.finish();
            }
            // one read, held by the server until the bell rang (a re-check once a second at most)
            assertThat(calls(server.cli("INFO", "commandstats"), "get")).isBetween(1L, 3L);
        }
    }

    @Test
    void waitsOneAfterAnotherShareOneConnectionAndLeaveNoClientBlocked() throws Exception {
        try (Channel waiter = Channels.open(at(":" + PASSWORD)); Channel writer = Channels.open(at(":" + PASSWORD))) {
            long before = clients();
            for (int i = 0; i < 50; i++) {
                writer.put("bells/" + i + "/a", new byte[] {1});
                writer.put("bells/" + i + "/b", new byte[] {2});
                assertThat(waiter.awaitAll(List.of("bells/" + i + "/a", "bells/" + i + "/b"), Duration.ofSeconds(5)))
                        .containsExactly(new byte[] {1}, new byte[] {2});
            }
            String late = "bells/late";
            try (LaterPut put = new LaterPut(writer, late, new byte[] {3}, 200)) {
                assertThat(waiter.await(late, Duration.ofSeconds(5))).containsExactly(3);
                put.finish();
            }
            assertThat(clients()).as("connections after 51 waits").isEqualTo(before + 1);
            assertThat(server.cli("INFO", "clients")).contains("blocked_clients:0");
        }
    }

    @Test
    void aKeyDeletedAfterItsBellRangIsWaitedForUntilTheNextPutWithoutSpinning() throws Exception {
        try (Channel waiter = Channels.open(at(":" + PASSWORD)); Channel writer = Channels.open(at(":" + PASSWORD))) {
            writer.put("gone/k", new byte[] {1});
            // the value goes, its bell stays: a waiter reading the bell from the start would find
            // it at once, every time
            server.cli("DEL", "gone/k");
            server.cli("CONFIG", "RESETSTAT");
            try (LaterPut put = new LaterPut(writer, "gone/k", new byte[] {2}, 300)) {
                assertThat(waiter.await("gone/k", Duration.ofSeconds(5))).containsExactly(2);
                put.finish();
            }
            assertThat(calls(server.cli("INFO", "commandstats"), "get")).isBetween(1L, 3L);
        }
    }

    @Test
    void bellsGoWithTheirKeysAndAreNeverListed() {
        try (Channel channel = Channels.open(at(":" + PASSWORD))) {
            channel.put("ring/a", new byte[] {1});
            channel.put("ring/b", new byte[] {2});
            channel.put("ring/ttl", new byte[] {3}, Duration.ofMinutes(5));
            assertThat(server.cli("EXISTS", "cumulus:bell:ring/a", "cumulus:bell:ring/b").trim()).isEqualTo("2");
            assertThat(Long.parseLong(server.cli("PTTL", "cumulus:bell:ring/ttl").trim())).isBetween(1L, 300_000L);
            assertThat(channel.list("")).noneMatch(k -> k.startsWith("cumulus:bell:"));
            assertThat(channel.list("cumulus:")).isEmpty();
            channel.delete("ring/a");
            channel.deleteAll(List.of("ring/b", "ring/ttl"));
            assertThat(server.cli("EXISTS", "cumulus:bell:ring/a", "cumulus:bell:ring/b", "cumulus:bell:ring/ttl").trim())
                    .isEqualTo("0");
        }
    }

    @Test
    void eachReplacedKeyIsUnlinkedWithItsBellRightBeforeTheValueTakingItsPlace() throws Exception {
        try (Channel channel = Channels.open(at(":" + PASSWORD))) {
            for (String old : List.of("r/0/a", "r/0/b", "r/0/c", "r/0/d")) {
                channel.put(old, new byte[] {1});
            }
            server.cli("CONFIG", "RESETSTAT");
            float[] vector = new float[300_000];
            java.util.Map<String, FloatSlice> next = new java.util.LinkedHashMap<>();
            for (String key : List.of("r/1/a", "r/1/b", "r/1/c")) {
                next.put(key, new FloatSlice(vector, 0, vector.length, false));
            }
            channel.replaceAllFloatsAsync(List.of("r/0/a", "r/0/b", "r/0/c", "r/0/d"), next).get(30, TimeUnit.SECONDS);

            assertThat(channel.list("r/")).containsExactlyInAnyOrder("r/1/a", "r/1/b", "r/1/c");
            assertThat(server.cli("EXISTS", "cumulus:bell:r/0/a", "cumulus:bell:r/0/b", "cumulus:bell:r/0/c",
                    "cumulus:bell:r/0/d").trim()).isEqualTo("0");
            assertThat(server.cli("EXISTS", "cumulus:bell:r/1/a", "cumulus:bell:r/1/b", "cumulus:bell:r/1/c").trim())
                    .isEqualTo("3");
            // One UNLINK before each SET (the last taking the key left over), not one for all of them first.
            assertThat(calls(server.cli("INFO", "commandstats"), "unlink")).isEqualTo(3L);
            assertThat(calls(server.cli("INFO", "commandstats"), "set")).isEqualTo(3L);
        }
    }

    /** A put that another thread makes after a pause, for a wait to be woken by; closing stops that thread. */
    private static final class LaterPut implements AutoCloseable {
        private final ExecutorService pool = Executors.newSingleThreadExecutor();
        private final java.util.concurrent.Future<?> done;

        LaterPut(Channel writer, String key, byte[] value, long millis) {
            done = pool.submit(() -> {
                Thread.sleep(millis);
                writer.put(key, value);
                return null;
            });
        }

        /** Waits for the put, failing if it failed. */
        void finish() throws Exception {
            done.get(5, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private long clients() {
        return server.cli("INFO", "clients").lines().filter(l -> l.startsWith("connected_clients:")).findFirst()
                .map(l -> Long.parseLong(l.substring("connected_clients:".length()).trim())).orElseThrow();
    }

    private static long calls(String commandStats, String command) {
        return commandStats.lines().filter(l -> l.startsWith("cmdstat_" + command + ":")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("^cmdstat_" + command + ":calls=(\\d+),.*$", "$1").trim()))
                .orElse(0L);
    }

    @Test
    void closingRightAfterAWaitDoesNotHang() {
        // Closing waits for the connections' event-loop threads, which may still be finishing the
        // wait's answers; a close that held a lock those threads wanted never returned.
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (Channel writer = Channels.open(at(":" + PASSWORD))) {
                for (int i = 0; i < 30; i++) {
                    writer.put("closing/" + i, new byte[] {7});
                    Channel waiter = Channels.open(at(":" + PASSWORD));
                    assertThat(waiter.awaitAll(List.of("closing/" + i), Duration.ofSeconds(5)))
                            .containsExactly(new byte[] {7});
                    waiter.close();
                }
            }
        });
    }

    @Test
    void closingTheChannelUnderAWaitingWorkerEndsItsWaitWithAClearError() throws Exception {
        Channel waiter = Channels.open(at(":" + PASSWORD));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<byte[]> wait = pool.submit(() -> waiter.await("never/put", Duration.ofSeconds(60)));
            Thread.sleep(300);
            waiter.close();
            assertThatThrownBy(() -> wait.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(java.util.concurrent.ExecutionException.class)
                    .cause().isInstanceOf(dev.cumulus.channel.ChannelException.class)
                    .hasMessageContaining("closed while a worker waited");
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void tlsWithATrustedCertificateWorks(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "1", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost").redirectErrorStream(true).start();
        openssl.getInputStream().readAllBytes();
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(cert)).as("openssl made a certificate").isTrue();
        try (RedisServer tls = RedisServer.startTls(cert, key);
             Channel channel = Channels.open("rediss://127.0.0.1:" + tls.port() + "?caCert=" + cert)) {
            channel.put("tls/k", new byte[] {7});
            assertThat(channel.await("tls/k", Duration.ofSeconds(2))).containsExactly(7);
            assertThat(channel.describe()).startsWith("rediss://");
        }
    }
}
