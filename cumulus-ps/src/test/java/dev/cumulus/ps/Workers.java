package dev.cumulus.ps;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs one task per worker rank on its own thread and waits for all of them, with a time limit. */
final class Workers {
    /** What one worker does. */
    @FunctionalInterface
    interface Task {
        void run(int worker) throws Exception;
    }

    private Workers() {
    }

    static void runAll(int workers, long timeoutSeconds, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int rank = w;
                done.add(pool.submit(() -> {
                    task.run(rank);
                    return null;
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            for (Future<?> f : done) {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Client options for the tests: short attempts, generous waits. */
    static ClientOptions clientOptions(ServerAddress address) {
        return ClientOptions.builder(address).callTimeoutMillis(5_000).retryWaitMillis(60_000).pullWaitMillis(120_000)
                .build();
    }
}
