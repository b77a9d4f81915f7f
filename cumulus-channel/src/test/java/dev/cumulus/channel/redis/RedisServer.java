package dev.cumulus.channel.redis;

import dev.cumulus.channel.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A redis-server from Debian's package, started by a test on 127.0.0.1 without persistence. */
public final class RedisServer implements AutoCloseable {
    private final ServerProcess process;
    private final int port;
    private final String password;

    private RedisServer(ServerProcess process, int port, String password) {
        this.process = process;
        this.port = port;
        this.password = password;
    }

    public static String binary() {
        return ServerProcess.requireBinary("redis-server", System.getenv("REDIS_SERVER"), "/usr/bin/redis-server",
                "/usr/local/bin/redis-server");
    }

    /** A server with no password. */
    public static RedisServer start() {
        return start(null, List.of());
    }

    /** A server whose default user has {@code password} (null for none), with extra arguments. */
    public static RedisServer start(String password, List<String> extra) {
        String binary = binary();
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>(List.of(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no"));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        command.addAll(extra);
        ServerProcess process = ServerProcess.start("redis", command, port, Duration.ofSeconds(10));
        return new RedisServer(process, port, password);
    }

    /** A TLS-only server using {@code certificate} and {@code key} (PEM); returns it listening on its TLS port. */
    public static RedisServer startTls(Path certificate, Path key) {
        String binary = binary();
        int port = ServerProcess.freePort();
        List<String> command = List.of(binary, "--port", "0", "--tls-port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--tls-cert-file", certificate.toString(),
                "--tls-key-file", key.toString(), "--tls-ca-cert-file", certificate.toString(),
                "--tls-auth-clients", "no");
        return new RedisServer(ServerProcess.start("redis-tls", command, port, Duration.ofSeconds(10)), port, null);
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://" + (password != null ? ":" + password + "@" : "") + "127.0.0.1:" + port;
    }

    /** Runs one command with redis-cli (for ACL set-up) and returns its output. */
    public String cli(String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port)));
        if (password != null) {
            command.addAll(List.of("--no-auth-warning", "-a", password));
        }
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out.trim();
        } catch (IOException e) {
            throw new IllegalStateException("redis-cli failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the server, as a crash would. */
    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
