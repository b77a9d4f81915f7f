package dev.cumulus.channel.redis;

import io.lettuce.core.protocol.RedisCommand;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Sends a connection's value requests with a bounded number of bytes in flight, and every request
 * that may go at one moment in a single write: a request is sent while the bytes of those sent and
 * not yet answered are below the budget (so one request larger than the budget still goes,
 * alone); the others wait, in the order they were given, and go as answers come back. Callers are
 * never blocked: a submitted request returns a future at once.
 *
 * <p>Why a budget: Redis executes every command of a pipeline before it writes any of the answers,
 * so 15 pipelined GETs of 640 KB put 9.4 MB of replies in the server's buffers per client at once.
 * With 16 workers doing so, the server's allocator kept taking fresh pages (about 20,000 page
 * faults a second, against 1,400 with one GET in flight per client) and a ScatterReduce round cost
 * it 20% more CPU (docs/bench/channels.md, "Round 3"). Counting bytes rather than commands keeps
 * small values fully pipelined: a reducer reading 16 inputs of 4 KB sends them all at once.
 *
 * <p>Why one write: on a loopback or local network each write is a system call that also wakes the
 * server; a SET and its PUBLISH sent apart, and a reducer's GETs each sent alone, cost a
 * ScatterReduce of 1 MB over 8 workers a third of its client CPU in sends (Round 4).
 */
final class CommandWindow {
    private final long budget;
    private final Consumer<List<RedisCommand<String, byte[], ?>>> sink;
    private final ArrayDeque<Pending<?>> waiting = new ArrayDeque<>();
    private long inFlight;

    /**
     * Commands sent together, which move about {@code bytes}, and the answer they give, which
     * completes once they are all answered.
     */
    record Request<T>(long bytes, List<RedisCommand<String, byte[], ?>> commands, CompletionStage<T> answer) {
        /** The same commands, their answer mapped by {@code f}. */
        <U> Request<U> map(Function<? super T, ? extends U> f) {
            return new Request<>(bytes, commands, answer.thenApply(f));
        }
    }

    private record Pending<T>(Request<T> request, CompletableFuture<T> result) {
    }

    /** A window of {@code budget} bytes, at least 1, writing through {@code sink}. */
    CommandWindow(long budget, Consumer<List<RedisCommand<String, byte[], ?>>> sink) {
        if (budget < 1) {
            throw new IllegalArgumentException("budget must be >= 1 byte, got " + budget);
        }
        this.budget = budget;
        this.sink = sink;
    }

    /** The bytes in flight below which a request is let in. */
    long budget() {
        return budget;
    }

    /** Sends {@code request} now if the window has room, otherwise once it has. */
    <T> CompletableFuture<T> submit(Request<T> request) {
        return submitAll(List.of(request)).get(0);
    }

    /**
     * Sends the requests, in order: those the window has room for now in one write, the others as
     * answers free room. Each future completes as its request's answer does, or exceptionally if
     * writing it throws.
     */
    <T> List<CompletableFuture<T>> submitAll(List<Request<T>> requests) {
        List<CompletableFuture<T>> results = new ArrayList<>(requests.size());
        List<Pending<?>> now = new ArrayList<>();
        synchronized (this) {
            for (Request<T> request : requests) {
                Pending<T> pending = new Pending<>(request, new CompletableFuture<>());
                results.add(pending.result());
                if (waiting.isEmpty() && inFlight < budget) {
                    inFlight += request.bytes();
                    now.add(pending);
                } else {
                    waiting.add(pending);
                }
            }
        }
        send(now);
        return results;
    }

    /** Writes the admitted requests at once; then, while writes fail, whatever their bytes let in. */
    private void send(List<Pending<?>> admitted) {
        while (!admitted.isEmpty()) {
            List<RedisCommand<String, byte[], ?>> commands = new ArrayList<>();
            admitted.forEach(p -> commands.addAll(p.request().commands()));
            try {
                sink.accept(commands);
            } catch (RuntimeException e) {
                long bytes = 0;
                for (Pending<?> p : admitted) {
                    bytes += p.request().bytes();
                    p.result().completeExceptionally(e);
                }
                admitted = release(bytes);
                continue;
            }
            admitted.forEach(this::whenAnswered);
            return;
        }
    }

    private <T> void whenAnswered(Pending<T> pending) {
        pending.request().answer().whenComplete((value, failure) -> {
            send(release(pending.request().bytes()));
            if (failure != null) {
                pending.result().completeExceptionally(failure);
            } else {
                pending.result().complete(value);
            }
        });
    }

    /** Frees answered bytes; returns the waiting requests that now fit, taken off the queue in order. */
    private synchronized List<Pending<?>> release(long bytes) {
        inFlight -= bytes;
        List<Pending<?>> ready = new ArrayList<>();
        while (!waiting.isEmpty() && inFlight < budget) {
            Pending<?> next = waiting.poll();
            inFlight += next.request().bytes();
            ready.add(next);
        }
        return ready;
    }
}
