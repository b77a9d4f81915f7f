package dev.cumulus.bench.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process run to its end, with every line it printed and when it printed it, so the harness
 * can time a whole process and the moments inside it (Spark's first fit, Cumulus's workers starting).
 */
final class ChildProcess {
    /** A line and its arrival, in seconds after the process was launched. */
    record Line(double atSeconds, String text) {
    }

    /** What a finished process left. */
    record Result(List<String> command, int exitCode, double wallSeconds, List<Line> out, List<Line> err) {
        /** The first stdout line that starts with the prefix, or an error naming the command. */
        Line outLine(String prefix) {
            return find(out, prefix);
        }

        Line errLine(String prefix) {
            return find(err, prefix);
        }

        private Line find(List<Line> lines, String prefix) {
            return lines.stream().filter(l -> l.text().startsWith(prefix)).findFirst().orElseThrow(
                    () -> new IllegalStateException("no line starting with '" + prefix + "' from " + command
                            + "; its output ended with:\n" + tail()));
        }

        String tail() {
            List<Line> all = new ArrayList<>(out);
            all.addAll(err);
            return String.join("\n", all.subList(Math.max(0, all.size() - 15), all.size()).stream()
                    .map(Line::text).toList());
        }
    }

    private ChildProcess() {
    }

    /**
     * Runs the command in the directory and waits for it, at most the timeout.
     *
     * @throws IOException when it cannot be started (the caller turns that into a missing peer)
     * @throws IllegalStateException when it exits with a non-zero code or runs out of time
     */
    static Result run(List<String> command, Path directory, Map<String, String> environment, long timeoutSeconds)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        List<Line> out = Collections.synchronizedList(new ArrayList<>());
        List<Line> err = Collections.synchronizedList(new ArrayList<>());
        Thread outReader = reader(process.getInputStream(), out, start);
        Thread errReader = reader(process.getErrorStream(), err, start);
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " ran longer than " + timeoutSeconds + " s");
            }
            double wall = (System.nanoTime() - start) / 1e9;
            outReader.join(TimeUnit.SECONDS.toMillis(10));
            errReader.join(TimeUnit.SECONDS.toMillis(10));
            Result result = new Result(List.copyOf(command), process.exitValue(), wall, List.copyOf(out),
                    List.copyOf(err));
            if (result.exitCode() != 0) {
                throw new IllegalStateException(command + " failed with exit code " + result.exitCode()
                        + ":\n" + result.tail());
            }
            return result;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + command, e);
        }
    }

    private static Thread reader(InputStream stream, List<Line> lines, long startNanos) {
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(new Line((System.nanoTime() - startNanos) / 1e9, line));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "peer-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
