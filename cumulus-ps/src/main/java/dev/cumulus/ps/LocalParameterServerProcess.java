package dev.cumulus.ps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A parameter server in a child JVM on this machine ({@link ParameterServerMain} on this JVM's class
 * path), for a driver that wants the server out of its own process and for tests that kill it.
 * Its standard error goes to {@value #LOG_FILE} in the state directory.
 */
public final class LocalParameterServerProcess implements AutoCloseable {
    /** The child's standard error, appended to, inside the state directory. */
    public static final String LOG_FILE = "server-stderr.log";
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Process process;
    private final ServerAddress address;
    private final Path log;

    private LocalParameterServerProcess(Process process, ServerAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    /** Starts a server with this JVM's class path and waits up to 60 s for it to listen. */
    public static LocalParameterServerProcess start(ServerOptions options) throws IOException {
        return start(options, System.getProperty("java.class.path"), Duration.ofSeconds(60));
    }

    /**
     * Starts a server and waits until it prints its address.
     *
     * @throws IOException it could not be started, or did not listen within {@code startTimeout}
     *                     (the message ends with its standard error)
     */
    public static LocalParameterServerProcess start(ServerOptions options, String classPath, Duration startTimeout)
            throws IOException {
        Files.createDirectories(options.stateDirectory());
        Path log = options.stateDirectory().resolve(LOG_FILE);
        List<String> command = command(options, classPath);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        CompletableFuture<String> firstLine = new CompletableFuture<>();
        Thread reader = new Thread(() -> readStdout(process, firstLine), "cumulus-ps-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            String line = firstLine.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                throw new IOException("The parameter server process (" + command + ") ended before it listened"
                        + exitDescription(process) + tail(log));
            }
            return new LocalParameterServerProcess(process, ServerAddress.parse(line.trim()), log);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("The parameter server process (" + command + ") did not listen within "
                    + startTimeout.toMillis() + " ms" + tail(log), e);
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw new IOException("Cannot read the output of the parameter server process: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while starting the parameter server process", e);
        } catch (IllegalArgumentException e) {
            process.destroyForcibly();
            throw new IOException("The parameter server process printed no address: " + e.getMessage(), e);
        }
    }

    private static List<String> command(ServerOptions options, String classPath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(classPath);
        command.add(ParameterServerMain.class.getName());
        command.add("--state");
        command.add(options.stateDirectory().toAbsolutePath().toString());
        command.add("--host");
        command.add(options.host());
        command.add("--port");
        command.add(Integer.toString(options.port()));
        command.add("--snapshot-interval");
        command.add(Integer.toString(options.snapshotInterval()));
        if (!options.forceWrites()) {
            command.add("--no-force-writes");
        }
        return command;
    }

    /** Hands over the first line, then drains the rest so the child never blocks on a full pipe. */
    private static void readStdout(Process process, CompletableFuture<String> firstLine) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            firstLine.complete(in.readLine());
            while (in.readLine() != null) {
                // discarded: the server prints nothing else on standard output
            }
        } catch (IOException e) {
            firstLine.completeExceptionally(e);
        }
    }

    /** Where the server listens. */
    public ServerAddress address() {
        return address;
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** Completes when the process has ended, however it ended. */
    public java.util.concurrent.CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the server at once (SIGKILL), as a crashed machine would, and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("The parameter server process " + process.pid() + " at " + address
                    + " was still alive " + STOP_WAIT.toMillis() + " ms after SIGKILL");
        }
    }

    /** Asks the server to stop (SIGTERM) and waits for it; kills it if it does not stop in 10 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The exit code, or -1 if it is still running. */
    public int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    private static String exitDescription(Process process) {
        return process.isAlive() ? "" : " (exit code " + process.exitValue() + ")";
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - 10), lines.size());
            return last.isEmpty() ? "" : "; its standard error ends with:\n" + String.join("\n", last);
        } catch (IOException e) {
            return "; its standard error (" + log + ") cannot be read: " + e.getMessage();
        }
    }

    @Override
    public String toString() {
        return "parameter server process " + process.pid() + " at " + address + " (log " + log + ")";
    }
}
