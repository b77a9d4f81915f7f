package dev.cumulus.cli.output;

import dev.cumulus.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * How a run ended, in its directory's {@code status.json}: {@code running} while it trains, then
 * {@code finished}, {@code failed} (with the reason) or {@code interrupted} (Ctrl-C, SIGTERM).
 * Written with write-then-rename, so a reader never sees half of it.
 */
public final class RunStatus {
    public static final String FILE = "status.json";
    private final Path file;
    private final String started = Instant.now().toString();
    /** Set by {@link #interrupted}: what the stopped run then reports (a failure, say) must not replace it. */
    private boolean stopped;

    public RunStatus(Path runDirectory) {
        this.file = runDirectory.resolve(FILE);
    }

    public void running() {
        write("running", null);
    }

    public void finished() {
        write("finished", null);
    }

    public void failed(String reason) {
        write("failed", reason);
    }

    /**
     * Records the signal; final: the signal's hook and the run's own thread race at shutdown, and the
     * run may fail of being stopped (its platform closed under it) after the hook has written this.
     */
    public synchronized void interrupted() {
        writeNow("interrupted", "stopped by a signal (Ctrl-C or SIGTERM); the run's keys were removed from its store");
        stopped = true;
    }

    private synchronized void write(String status, String reason) {
        if (!stopped) {
            writeNow(status, reason);
        }
    }

    private void writeNow(String status, String reason) {
        StringBuilder json = new StringBuilder("{\n  \"status\": \"").append(status).append("\",\n  \"started\": \"")
                .append(started).append("\",\n  \"updated\": \"").append(Instant.now()).append('"');
        if (reason != null) {
            json.append(",\n  \"reason\": \"").append(escape(Redacted.text(reason))).append('"');
        }
        json.append("\n}\n");
        try {
            AtomicFiles.writeString(file, json.toString());
            FileModes.readableByAll(file);
        } catch (IOException e) {
            // The status is a courtesy; the run's own outcome is reported on stderr either way.
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
