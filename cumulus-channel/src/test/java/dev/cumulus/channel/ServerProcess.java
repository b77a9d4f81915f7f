package dev.cumulus.channel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A server binary run by a test on a free port of 127.0.0.1 and stopped by it; its output goes to
 * a log file that is shown if it fails to start.
 */
public final class ServerProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** A TCP port that was free on 127.0.0.1 a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1", e);
        }
    }

    /**
     * The first of {@code candidates} that exists and is executable. When none does, the test is
     * skipped, or fails when the environment variable CI is set (CI must install it).
     */
    public static String requireBinary(String what, String... candidates) {
        java.util.Set<String> looked = new java.util.LinkedHashSet<>();
        for (String candidate : candidates) {
            // a candidate from an environment variable that is not set is null
            if (candidate == null) {
                continue;
            }
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
            looked.add(candidate);
        }
        missing(what + " not found at " + looked + "; install it (see .ci/run)");
        return null;
    }

    /**
     * Skips the test for want of something it needs, saying what; fails it instead when the
     * environment variable CI is set, since CI must provide everything.
     */
    public static void missing(String message) {
        if (isCi()) {
            Assertions.fail(message + " (CI is set, so this fails rather than skips)");
        }
        // a class skipped in its set-up counts no test in Maven's summary: say why where it is seen
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }

    private static boolean isCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
    }

    /** Starts {@code command} and waits until {@code port} accepts connections. */
    public static ServerProcess start(String name, List<String> command, int port, Duration startup) {
        try {
            Path log = Files.createTempFile("cumulus-" + name + "-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            ServerProcess server = new ServerProcess(name, process, port, log);
            server.awaitPort(startup);
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + " " + command + ": " + e, e);
        }
    }

    private void awaitPort(Duration startup) {
        long deadline = System.nanoTime() + startup.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " at start: " + logText());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        close();
        throw new IllegalStateException(name + " did not open port " + port + " within " + startup.toMillis()
                + " ms: " + logText());
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String logText() {
        try {
            String text = Files.readString(log);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
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
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a stray log in the temp directory is harmless
        }
    }

    /** Kills the server at once, as a crash would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
