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

    public void interrupted() {
        write("interrupted", "stopped by a signal (Ctrl-C or SIGTERM); the run's keys were removed from its store");
    }

    private void write(String status, String reason) {
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
