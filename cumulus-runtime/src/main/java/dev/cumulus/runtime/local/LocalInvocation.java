package dev.cumulus.runtime.local;

import dev.cumulus.runtime.FunctionLimits;
import dev.cumulus.runtime.Invocation;
import dev.cumulus.runtime.InvocationResult;
import dev.cumulus.runtime.InvocationStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** The handle of an invocation on a {@link LocalPlatform}: queued, then running in a container, then done. */
final class LocalInvocation implements Invocation {

    enum Stop { NONE, CANCEL, KILL }

    private enum State { QUEUED, RUNNING, DONE }

    private final String invocationId;
    private final String functionName;
    private final FunctionLimits limits;
    private byte[] payload;
    private final long submittedNanos = System.nanoTime();
    private final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    private final List<String> invokedIds = new CopyOnWriteArrayList<>();
    private State state = State.QUEUED;
    private Stop stop = Stop.NONE;
    private Container container;

    LocalInvocation(String invocationId, String functionName, FunctionLimits limits, byte[] payload) {
        this.invocationId = invocationId;
        this.functionName = functionName;
        this.limits = limits;
        this.payload = payload;
    }

    @Override
    public String invocationId() {
        return invocationId;
    }

    @Override
    public String functionName() {
        return functionName;
    }

    @Override
    public FunctionLimits limits() {
        return limits;
    }

    @Override
    public CompletableFuture<InvocationResult> result() {
        // A copy, so a caller completing it cannot forge the platform's result.
        return result.copy();
    }

    @Override
    public boolean cancel() {
        return stop(Stop.CANCEL);
    }

    @Override
    public boolean kill() {
        return stop(Stop.KILL);
    }

    private boolean stop(Stop requested) {
        Container running;
        synchronized (this) {
            if (state == State.DONE) {
                return false;
            }
            if (state == State.QUEUED) {
                payload = null;
                InvocationStatus status = requested == Stop.KILL ? InvocationStatus.KILLED : InvocationStatus.CANCELLED;
                completeLocked(InvocationResult.builder(invocationId, functionName).status(status)
                        .errorMessage((requested == Stop.KILL ? "killed" : "cancelled") + " while queued; it never ran")
                        .memoryMb(limits.memoryMb()).queued(java.time.Duration.ofNanos(System.nanoTime() - submittedNanos))
                        .build());
                return true;
            }
            if (stop == Stop.KILL || stop == requested) {
                return true;
            }
            stop = requested;
            running = container;
        }
        if (running != null) {
            running.stop(requested == Stop.KILL);
        }
        return true;
    }

    /** The payload, handed over once: the handle does not keep it, as the platform remembers handles. */
    synchronized byte[] takePayload() {
        byte[] taken = payload;
        payload = null;
        return taken;
    }

    long submittedNanos() {
        return submittedNanos;
    }

    List<String> invokedIds() {
        return List.copyOf(invokedIds);
    }

    void addInvoked(String id) {
        invokedIds.add(id);
    }

    /** Moves from queued to running; false if it was stopped while queued. */
    synchronized boolean start() {
        if (state != State.QUEUED) {
            return false;
        }
        state = State.RUNNING;
        return true;
    }

    /** Attaches the container the invocation runs in and returns any stop requested before now. */
    synchronized Stop attach(Container running) {
        container = running;
        return stop;
    }

    synchronized Stop detach() {
        container = null;
        return stop;
    }

    synchronized void complete(InvocationResult value) {
        completeLocked(value);
    }

    private void completeLocked(InvocationResult value) {
        if (state != State.DONE) {
            state = State.DONE;
            container = null;
            result.complete(value);
        }
    }
}
