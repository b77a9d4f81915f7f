package dev.cumulus.channel.dynamodb;

import dev.cumulus.channel.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A DynamoDB-compatible server for tests: dynalite (MIT, from npm; in memory), installed by
 * {@code npm ci --prefix cumulus-channel/src/test/dynalite}, started on 127.0.0.1.
 */
public final class DynaliteServer implements AutoCloseable {
    private final ServerProcess process;

    private DynaliteServer(ServerProcess process) {
        this.process = process;
    }

    public static String binary() {
        String root = System.getenv("CUMULUS_ROOT");
        Path installed = Path.of(root != null ? root : ".", "cumulus-channel", "src", "test", "dynalite",
                "node_modules", ".bin", "dynalite");
        Path fromModule = Path.of("src", "test", "dynalite", "node_modules", ".bin", "dynalite");
        String binary = ServerProcess.requireBinary("dynalite (npm ci --prefix cumulus-channel/src/test/dynalite)",
                System.getenv("DYNALITE"), installed.toString(), fromModule.toAbsolutePath().toString());
        // the installed dynalite is a script run by 'env node': without node it exits at once
        if (!onPath("node")) {
            ServerProcess.missing("node not found on PATH, which dynalite at " + binary + " needs; install nodejs (see .ci/run)");
        }
        return binary;
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (!directory.isEmpty() && java.nio.file.Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }

    /** Starts an in-memory server whose tables become active at once. */
    public static DynaliteServer start() {
        String binary = binary();
        int port = ServerProcess.freePort();
        List<String> command = List.of(binary, "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0");
        return new DynaliteServer(ServerProcess.start("dynalite", command, port, Duration.ofSeconds(20)));
    }

    public String endpoint() {
        return "http://127.0.0.1:" + process.port();
    }

    /** The channel URI of {@code table} (dynalite accepts any credentials). */
    public String uri(String table) {
        return "dynamodb://local:local@" + table + "?endpoint=" + endpoint();
    }

    public void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
