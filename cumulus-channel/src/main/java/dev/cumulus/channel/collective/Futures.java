package dev.cumulus.channel.collective;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Joins a channel's asynchronous request, rethrowing its failure as the synchronous call would. */
final class Futures {
    private Futures() {
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
