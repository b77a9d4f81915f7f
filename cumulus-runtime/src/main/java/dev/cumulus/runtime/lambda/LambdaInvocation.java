package dev.cumulus.runtime.lambda;

import dev.cumulus.runtime.FunctionLimits;
import dev.cumulus.runtime.Invocation;
import dev.cumulus.runtime.InvocationResult;
import dev.cumulus.runtime.InvocationStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The handle of a Lambda invocation: it can be stopped only while it waits in the client-side queue. */
final class LambdaInvocation implements Invocation {

    private final String invocationId;
    private final String functionName;
    private final FunctionLimits limits;
    private final long submittedNanos = System.nanoTime();
    private final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    private boolean started;

    LambdaInvocation(String invocationId, String functionName, FunctionLimits limits) {
        this.invocationId = invocationId;
        this.functionName = functionName;
        this.limits = limits;
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
        return result.copy();
    }

    @Override
    public boolean cancel() {
        return stopQueued(InvocationStatus.CANCELLED);
    }

    /** Lambda offers no way to kill a running invocation; only a queued one can be dropped. */
    @Override
    public boolean kill() {
        return stopQueued(InvocationStatus.KILLED);
    }

    private synchronized boolean stopQueued(InvocationStatus status) {
        if (started || result.isDone()) {
            return false;
        }
        result.complete(InvocationResult.builder(invocationId, functionName).status(status)
                .errorMessage("stopped while queued; it was never sent to Lambda").memoryMb(limits.memoryMb())
                .queued(queued()).build());
        return true;
    }

    synchronized boolean start() {
        if (result.isDone()) {
            return false;
        }
        started = true;
        return true;
    }

    Duration queued() {
        return Duration.ofNanos(System.nanoTime() - submittedNanos);
    }

    void complete(InvocationResult value) {
        result.complete(value);
    }
}
