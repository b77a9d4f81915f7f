package dev.cumulus.channel.redis;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Sends a connection's value commands with at most a fixed number in flight; the others wait,
 * in the order they were given, and each is sent when an earlier one is answered. Callers are
 * never blocked: a submitted command returns a future at once.
 *
 * <p>Why: Redis answers every command of a pipeline before it writes any of the answers, so 15
 * pipelined GETs of 640 KB put 9.4 MB of replies in the server's buffers per client at once. With
 * 16 workers doing so, the server's allocator kept taking fresh pages: about 20,000 page faults a
 * second against 1,400 for one GET in flight per client, which cost the server a quarter of its
 * CPU in a ScatterReduce round (docs/bench/channels.md, "Round 3").
 */
final class CommandWindow {
    private final int limit;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    /** A window of {@code limit} commands, at least 1. */
    CommandWindow(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        this.limit = limit;
    }

    /**
     * Sends {@code command} now if the window has room, otherwise once it has; the future
     * completes as the command's does, or exceptionally if sending it throws.
     */
    <T> CompletableFuture<T> submit(Supplier<? extends CompletionStage<T>> command) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable send = () -> {
            CompletionStage<T> answer;
            try {
                answer = command.get();
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                next();
                return;
            }
            answer.whenComplete((value, failure) -> {
                next();
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            });
        };
        boolean now;
        synchronized (this) {
            now = inFlight < limit;
            if (now) {
                inFlight++;
            } else {
                waiting.add(send);
            }
        }
        if (now) {
            send.run();
        }
        return result;
    }

    /** Frees the slot of an answered command, or hands it to the first waiting one. */
    private void next() {
        Runnable send;
        synchronized (this) {
            send = waiting.poll();
            if (send == null) {
                inFlight--;
                return;
            }
        }
        send.run();
    }
}
