package dev.cumulus.channel.redis;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Sends a connection's value commands with a bounded number of bytes in flight: a command is sent
 * while the bytes of those sent and not yet answered are below the budget (so one command larger
 * than the budget still goes, alone); the others wait, in the order they were given, and go as
 * answers come back. Callers are never blocked: a submitted command returns a future at once.
 *
 * <p>Why: Redis executes every command of a pipeline before it writes any of the answers, so 15
 * pipelined GETs of 640 KB put 9.4 MB of replies in the server's buffers per client at once. With
 * 16 workers doing so, the server's allocator kept taking fresh pages (about 20,000 page faults a
 * second, against 1,400 with one GET in flight per client) and a ScatterReduce round cost it 20%
 * more CPU (docs/bench/channels.md, "Round 3"). Counting bytes rather than commands keeps small
 * values fully pipelined: a reducer reading 16 inputs of 4 KB sends them all at once.
 */
final class CommandWindow {
    private final long budget;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private long inFlight;

    private record Waiting(long bytes, Runnable send) {
    }

    /** A window of {@code budget} bytes, at least 1. */
    CommandWindow(long budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be >= 1 byte, got " + budget);
        }
        this.budget = budget;
    }

    /**
     * Sends {@code command}, which moves about {@code bytes}, now if the window has room, otherwise
     * once it has; the future completes as the command's does, or exceptionally if sending it
     * throws.
     */
    <T> CompletableFuture<T> submit(long bytes, Supplier<? extends CompletionStage<T>> command) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable send = () -> {
            CompletionStage<T> answer;
            try {
                answer = command.get();
            } catch (RuntimeException e) {
                answered(bytes);
                result.completeExceptionally(e);
                return;
            }
            answer.whenComplete((value, failure) -> {
                answered(bytes);
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            });
        };
        boolean now;
        synchronized (this) {
            now = waiting.isEmpty() && inFlight < budget;
            if (now) {
                inFlight += bytes;
            } else {
                waiting.add(new Waiting(bytes, send));
            }
        }
        if (now) {
            send.run();
        }
        return result;
    }

    /** Frees an answered command's bytes and sends the waiting commands that now fit, in order. */
    private void answered(long bytes) {
        ArrayDeque<Runnable> ready = new ArrayDeque<>();
        synchronized (this) {
            inFlight -= bytes;
            while (!waiting.isEmpty() && inFlight < budget) {
                Waiting next = waiting.poll();
                inFlight += next.bytes();
                ready.add(next.send());
            }
        }
        ready.forEach(Runnable::run);
    }
}
