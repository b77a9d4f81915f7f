package dev.cumulus.engine.checkpoint;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes the shared checkpoint of round r in the background while the worker computes round r + 1,
 * and finishes it before the worker joins round r + 1's exchange: so a checkpoint is as durable when
 * the group can move on as when it was written in line, but its encoding and its write overlap
 * the computation instead of adding to every round.
 */
public final class BackgroundCheckpoints implements AutoCloseable {
    private final Checkpoints checkpoints;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cumulus-checkpoint");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);

    public BackgroundCheckpoints(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    /** Starts writing {@code checkpoint}; its arrays must not change afterwards (pass copies). */
    public void writeShared(Checkpoint checkpoint) {
        finish();
        pending = CompletableFuture.runAsync(() -> checkpoints.writeShared(checkpoint), writer);
    }

    /** Waits for the checkpoint being written; a failed write is thrown here, as an in-line one would be. */
    public void finish() {
        try {
            pending.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public void close() {
        try {
            finish();
        } finally {
            writer.shutdownNow();
        }
    }
}
