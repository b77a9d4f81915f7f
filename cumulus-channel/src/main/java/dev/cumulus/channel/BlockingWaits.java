package dev.cumulus.channel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The threads on which a store without waits of its own runs {@link Channel#awaitThenGetAsync}'s
 * blocking wait, so that its caller is not held either: a peer starts its waits on every other
 * peer's store before it computes its own gradient. Daemon threads, made as waits start and gone
 * after a minute idle; not the common pool, whose one thread on a 2-core host would run them one
 * after another.
 */
final class BlockingWaits {
    static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "cumulus-channel-wait");
        thread.setDaemon(true);
        return thread;
    });

    private BlockingWaits() {
    }
}
