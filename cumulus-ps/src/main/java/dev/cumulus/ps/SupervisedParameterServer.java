package dev.cumulus.ps;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LocalParameterServerProcess} that is started again, on the same state directory and
 * port, whenever it dies: the driver's server on a local platform. The restarted server resumes from
 * its snapshot and journal, and the functions' clients, which retry while the server is away, carry on.
 * A server that dies {@code maxRestarts} times more is left dead (the run then fails with the clients'
 * {@link ServerUnavailableException}).
 */
public final class SupervisedParameterServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SupervisedParameterServer.class.getName());

    private final ServerOptions options;
    private final int maxRestarts;
    private final Thread watcher;
    private volatile LocalParameterServerProcess current;
    private volatile boolean closing;
    private int restarts;
    private long endedUptimeMillis;
    private long startedNanos;

    private SupervisedParameterServer(ServerOptions options, int maxRestarts, LocalParameterServerProcess first) {
        this.options = options.toBuilder().port(first.address().port()).build();
        this.maxRestarts = maxRestarts;
        this.current = first;
        this.startedNanos = System.nanoTime();
        this.watcher = new Thread(this::watch, "cumulus-ps-supervisor-" + first.address().port());
        watcher.setDaemon(true);
    }

    /** Starts the server process and its supervisor. */
    public static SupervisedParameterServer start(ServerOptions options, int maxRestarts) throws IOException {
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("Invalid maxRestarts " + maxRestarts + ": expected >= 0");
        }
        SupervisedParameterServer server = new SupervisedParameterServer(options, maxRestarts,
                LocalParameterServerProcess.start(options));
        server.watcher.start();
        return server;
    }

    private void watch() {
        while (!closing) {
            LocalParameterServerProcess process = current;
            try {
                process.onExit().get();
            } catch (InterruptedException e) {
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                // onExit never completes exceptionally; treat it as an exit all the same
            }
            synchronized (this) {
                if (closing) {
                    return;
                }
                endedUptimeMillis += TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
                if (restarts == maxRestarts) {
                    LOG.log(System.Logger.Level.ERROR, process + " died (exit code " + process.exitCode()
                            + ") after " + restarts + " restarts; not starting it again");
                    return;
                }
                restarts++;
                LOG.log(System.Logger.Level.WARNING, process + " died (exit code " + process.exitCode()
                        + "); restart " + restarts + " of at most " + maxRestarts + " on " + options.stateDirectory());
                try {
                    current = LocalParameterServerProcess.start(options);
                    startedNanos = System.nanoTime();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.ERROR, "Cannot restart the parameter server on "
                            + options.stateDirectory(), e);
                    return;
                }
            }
        }
    }

    /** Where clients reach the server: the same across restarts. */
    public ServerAddress address() {
        return current.address();
    }

    /** The running server process's id. */
    public long pid() {
        return current.pid();
    }

    /** How many times the server was started again after it died. */
    public synchronized int restarts() {
        return restarts;
    }

    /** The summed lifetimes of the server processes so far, for the instance-hours a run pays. */
    public synchronized Duration uptime() {
        boolean alive = current.isAlive();
        return Duration.ofMillis(endedUptimeMillis
                + (alive ? TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos) : 0));
    }

    /** Stops supervising and stops the server (SIGTERM, then SIGKILL after 10 s). */
    @Override
    public void close() {
        synchronized (this) {
            closing = true;
        }
        watcher.interrupt();
        current.close();
        try {
            watcher.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
