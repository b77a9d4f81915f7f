package dev.cumulus.engine.run;

import dev.cumulus.channel.Channel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a key with an expiry alive in the channel while a worker runs, so the driver can tell a
 * live worker from a dead one even on platforms that report nothing until the end (Lambda).
 */
final class Heartbeat implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofMillis(500);
    static final Duration EXPIRY = Duration.ofSeconds(3);
    private final ScheduledExecutorService timer;

    Heartbeat(Channel channel, String key) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cumulus-heartbeat");
            t.setDaemon(true);
            return t;
        });
        byte[] alive = {1};
        timer.scheduleAtFixedRate(() -> {
            try {
                channel.put(key, alive, EXPIRY);
            } catch (RuntimeException e) {
                // A missed beat is what the driver watches for; the worker's own calls will fail loudly.
            }
        }, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        // A beat under way finishes before the function is done: none lands after the run's clean-up.
        try {
            timer.awaitTermination(EXPIRY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
