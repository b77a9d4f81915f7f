package dev.cumulus.cli.progress;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A daemon thread that runs an action once a second until closed, so a display's clock moves. */
final class Ticker implements AutoCloseable {
    private final ScheduledExecutorService executor;

    private Ticker(Runnable action) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cumulus-progress");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleAtFixedRate(action, 1, 1, TimeUnit.SECONDS);
    }

    static Ticker everySecond(Runnable action) {
        return new Ticker(action);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
