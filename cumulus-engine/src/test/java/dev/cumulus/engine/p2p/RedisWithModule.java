package dev.cumulus.engine.p2p;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A redis-server on a free port of 127.0.0.1 with Cumulus's module loaded ({@code src/main/c}),
 * the module built first if the build has not (the same script the Maven build runs).
 */
final class RedisWithModule implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private RedisWithModule(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static RedisWithModule start() throws IOException, InterruptedException {
        Path module = module();
        int port = freePort();
        Path log = Files.createTempFile("cumulus-redis-module-", ".log");
        Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--loadmodule", module.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RedisWithModule server = new RedisWithModule(process, port, log);
        server.awaitPort();
        return server;
    }

    int port() {
        return port;
    }

    String uri(int database) {
        return "redis://127.0.0.1:" + port + "/" + database;
    }

    /** The module's shared object, built by src/main/c/build.sh if missing. */
    static Path module() throws IOException, InterruptedException {
        Path out = Path.of("target", "redis", "cumulus_redis.so").toAbsolutePath();
        Process build = new ProcessBuilder("bash", "src/main/c/build.sh", out.toString()).redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes());
        if (build.waitFor() != 0 || !Files.exists(out)) {
            String message = "could not build the Redis module: " + output;
            if (System.getenv("CI") != null) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private void awaitPort() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IllegalStateException("redis-server did not open port " + port + ": " + Files.readString(log));
    }

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
