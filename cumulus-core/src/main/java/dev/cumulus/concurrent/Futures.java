package dev.cumulus.concurrent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work done on another thread as if it had been done on this one. */
public final class Futures {
    private Futures() {
    }

    /**
     * The result of {@code future}, once it is done. What the work threw is thrown again as it was
     * (a RuntimeException or an Error, so that a caller sees the same exception as if it had done
     * the work itself); a checked exception comes wrapped in an IllegalStateException. An
     * interruption while waiting keeps the thread's interrupted flag and says what it interrupted.
     *
     * @param what the work, for the message of an interruption ("reading the test set")
     */
    public static <T> T await(Future<T> future, String what) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(what + " failed: " + cause, cause);
        }
    }
}
