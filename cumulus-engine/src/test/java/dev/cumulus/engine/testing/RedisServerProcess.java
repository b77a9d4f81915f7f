package dev.cumulus.engine.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A redis-server from Debian's package on a free port of 127.0.0.1, without persistence and
 * optionally with a password, started and stopped by a test (as cumulus-channel's tests start
 * theirs); the engine's tests and, through its test jar, the command line's use it.
 */
public final class RedisServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private RedisServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** A server without a password. */
    public static RedisServerProcess start() throws IOException {
        return start(null);
    }

    /** A server that requires {@code password}, or none when it is null. */
    public static RedisServerProcess start(String password) throws IOException {
        return start(password, new String[0]);
    }

    /**
     * A server that requires {@code password} (none when null), started with further arguments,
     * such as {@code --loadmodule PATH}.
     */
    public static RedisServerProcess start(String password, String... arguments) throws IOException {
        String binary = binary();
        int port = freePort();
        Path log = Files.createTempFile("cumulus-redis-", ".log");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(binary, "--port",
                String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
        if (password != null) {
            command.addAll(java.util.List.of("--requirepass", password));
        }
        command.addAll(java.util.List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RedisServerProcess server = new RedisServerProcess(process, port, log);
        server.awaitPort(Duration.ofSeconds(10));
        return server;
    }

    /**
     * A server that speaks TLS only (no plain-text port), with the certificate and key given (PEM)
     * and {@code ca} as the CA it names to clients; clients need no certificate of their own.
     */
    public static RedisServerProcess startTls(String password, Path certificate, Path key, Path ca, String... arguments)
            throws IOException {
        int port = freePort();
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("--port", "0", "--tls-port",
                String.valueOf(port), "--tls-cert-file", certificate.toString(), "--tls-key-file", key.toString(),
                "--tls-ca-cert-file", ca.toString(), "--tls-auth-clients", "no"));
        command.addAll(java.util.List.of(arguments));
        return start(password, port, command);
    }

    private static RedisServerProcess start(String password, int port, java.util.List<String> arguments) throws IOException {
        String binary = binary();
        Path log = Files.createTempFile("cumulus-redis-", ".log");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(binary, "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no"));
        if (password != null) {
            command.addAll(java.util.List.of("--requirepass", password));
        }
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RedisServerProcess server = new RedisServerProcess(process, port, log);
        server.awaitPort(Duration.ofSeconds(10));
        return server;
    }

    public int port() {
        return port;
    }

    /** The channel URI of one of its databases. */
    public String uri(int database) {
        return "redis://127.0.0.1:" + port + "/" + database;
    }

    private static String binary() {
        for (String candidate : new String[] {System.getenv("REDIS_SERVER"), "/usr/bin/redis-server",
                "/usr/local/bin/redis-server"}) {
            if (candidate != null && Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        String message = "redis-server not found; install it (see .ci/run)";
        if (System.getenv("CI") != null) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private void awaitPort(Duration startup) throws IOException {
        long deadline = System.nanoTime() + startup.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        close();
        throw new IllegalStateException("redis-server did not open port " + port + ": " + Files.readString(log));
    }

    /** Kills the server at once (SIGKILL), as a machine that dies: no shutdown, connections just drop. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 5 s) and removes its log. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a stray log in the temp directory is harmless
        }
    }
}
