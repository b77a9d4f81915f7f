package dev.cumulus.ps;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Runs a parameter server as a process: {@code java -cp ... dev.cumulus.ps.ParameterServerMain
 * --state DIR [--port P] [--host H] [--snapshot-interval N] [--no-force-writes]}. The first line
 * on standard output is the address it listens on; SIGINT or SIGTERM stop it with its state
 * consistent. {@code cumulus ps} runs the same thing through {@link #serve}.
 */
public final class ParameterServerMain {
    /** Exit code for bad arguments. */
    static final int USAGE = 2;

    private ParameterServerMain() {
    }

    public static void main(String[] args) {
        ServerOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("parameter server: " + e.getMessage());
            System.exit(USAGE);
            return;
        }
        try {
            serve(options, address -> {
                System.out.println(address);
                System.out.flush();
            });
        } catch (IOException e) {
            System.err.println("parameter server: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Starts a server, tells {@code listening} its address, and serves until the JVM is asked to
     * stop (SIGINT, SIGTERM) or the calling thread is interrupted; then closes it.
     */
    public static void serve(ServerOptions options, Consumer<ServerAddress> listening) throws IOException {
        ParameterServer server = ParameterServer.start(options);
        Thread hook = new Thread(server::close, "cumulus-ps-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        listening.accept(server.address());
        try {
            server.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
            removeHook(hook);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself, which finds the server closed.
        }
    }

    /** Reads the command line into options; a bad argument names itself. */
    static ServerOptions parse(String[] args) {
        Path state = null;
        String host = "127.0.0.1";
        int port = 0;
        int snapshotInterval = 64;
        boolean forceWrites = true;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--state" -> state = Path.of(value(args, ++i, flag));
                case "--host" -> host = value(args, ++i, flag);
                case "--port" -> port = number(value(args, ++i, flag), flag);
                case "--snapshot-interval" -> snapshotInterval = number(value(args, ++i, flag), flag);
                case "--no-force-writes" -> forceWrites = false;
                default -> throw new IllegalArgumentException("Unknown argument '" + flag + "': expected --state DIR,"
                        + " --port P, --host H, --snapshot-interval N or --no-force-writes");
            }
        }
        if (state == null) {
            throw new IllegalArgumentException("Missing --state DIR: the directory that holds the server's state");
        }
        return ServerOptions.builder(state).host(host).port(port).snapshotInterval(snapshotInterval).forceWrites(forceWrites).build();
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException("Missing value for " + flag);
        }
        return args[index];
    }

    private static int number(String text, String flag) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value '" + text + "' for " + flag + ": expected a whole number", e);
        }
    }
}
