package dev.cumulus.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A handle on one invocation started on a {@link FunctionPlatform}. */
public interface Invocation {

    /** The invocation's id, unique on its platform. */
    String invocationId();

    /** The registered function name. */
    String functionName();

    /** The limits requested for it. */
    FunctionLimits limits();

    /**
     * The result, completed exactly once by the platform; never completed exceptionally (failures are
     * statuses). Completing it from outside has no effect on the invocation: use {@link #cancel()}.
     */
    CompletableFuture<InvocationResult> result();

    /**
     * Asks the invocation to stop: a queued one never runs, a running one is interrupted (threads) or sent
     * SIGTERM (processes). The result then has status {@link InvocationStatus#CANCELLED}.
     *
     * @return false if it had already finished or the platform cannot stop it (Lambda, once sent)
     */
    boolean cancel();

    /**
     * Stops the invocation abruptly, like a crash: a process gets SIGKILL, a thread sandbox is interrupted
     * and abandoned. The result then has status {@link InvocationStatus#KILLED}.
     *
     * @return false if it had already finished or the platform cannot kill it (Lambda)
     */
    boolean kill();

    /** Waits at most {@code timeout} for the result. */
    default InvocationResult await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return result().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Invocation " + invocationId() + " completed exceptionally", e.getCause());
        }
    }
}
