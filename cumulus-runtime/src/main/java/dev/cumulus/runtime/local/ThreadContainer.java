package dev.cumulus.runtime.local;

import dev.cumulus.runtime.FunctionRegistry;
import dev.cumulus.runtime.InvocationStatus;
import dev.cumulus.runtime.WorkerFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sandbox made of one function instance and one dedicated thread. A time limit or a stop interrupts the
 * thread and abandons the sandbox: Java cannot kill a thread, so a function that ignores interrupts keeps
 * its thread busy, but its result is reported at once and the container is never reused.
 */
final class ThreadContainer implements Container {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final WorkerFunction function;
    private final ExecutorService thread;
    private volatile boolean reusable = true;
    private CompletableFuture<Outcome> current;
    private Future<?> running;
    private long startNanos;
    /** Set by the first {@link #stop}: true if abrupt; a stop that comes before {@link #run} still counts. */
    private Boolean stoppedAbruptly;

    ThreadContainer(String functionName, String className) {
        this.function = FunctionRegistry.instantiateClass(functionName, className);
        String name = "cumulus-fn-" + functionName + "-" + SEQUENCE.incrementAndGet();
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Outcome run(Task task) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        LocalContext context = new LocalContext(task.invocationId(), task.functionName(), task.limits(), task.deadline(),
                task.spawner()::spawn);
        long begin;
        synchronized (this) {
            begin = System.nanoTime();
            if (stoppedAbruptly != null) {
                return stoppedOutcome(stoppedAbruptly, Duration.ZERO);
            }
            startNanos = begin;
            current = done;
            running = thread.submit(() -> {
                try {
                    done.complete(Outcome.ok(function.handle(task.payload(), context), since(begin)));
                } catch (Throwable e) {
                    done.complete(Outcome.failed(InvocationStatus.ERROR, Outcome.describe(e), since(begin)));
                }
            });
        }
        long waitNanos = Math.max(0, Duration.between(Instant.now(), task.deadline()).toNanos());
        try {
            return done.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Record the outcome before interrupting, or the function's InterruptedException would win as ERROR.
            done.complete(Outcome.failed(InvocationStatus.TIMEOUT, "Function '" + task.functionName()
                    + "' exceeded its time limit of " + task.limits().timeoutSeconds() + " s", since(begin)));
            abandon();
            return done.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(true);
            return done.join();
        } catch (ExecutionException e) {
            return Outcome.failed(InvocationStatus.ERROR, Outcome.describe(e.getCause()), since(begin));
        }
    }

    @Override
    public void stop(boolean abrupt) {
        CompletableFuture<Outcome> done;
        long begin;
        synchronized (this) {
            if (stoppedAbruptly == null) {
                stoppedAbruptly = abrupt;
            }
            done = current;
            begin = startNanos;
        }
        reusable = false;
        if (done != null) {
            done.complete(stoppedOutcome(abrupt, since(begin)));
        }
        abandon();
    }

    @Override
    public boolean reusable() {
        return reusable;
    }

    @Override
    public void close() {
        reusable = false;
        thread.shutdownNow();
    }

    @Override
    public void awaitClosed(Duration wait) {
        try {
            thread.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void abandon() {
        reusable = false;
        Future<?> task;
        synchronized (this) {
            task = running;
        }
        if (task != null) {
            task.cancel(true);
        }
    }

    private static Outcome stoppedOutcome(boolean abrupt, Duration duration) {
        return Outcome.failed(abrupt ? InvocationStatus.KILLED : InvocationStatus.CANCELLED,
                abrupt ? "killed: its thread was interrupted and the sandbox discarded" : "cancelled by the caller",
                duration);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
