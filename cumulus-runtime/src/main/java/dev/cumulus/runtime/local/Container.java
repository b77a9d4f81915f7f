package dev.cumulus.runtime.local;

/**
 * One sandbox that runs one function's invocations one at a time and may be kept warm between them: a
 * dedicated thread holding a function instance, or a child JVM.
 */
public interface Container extends AutoCloseable {

    /**
     * Runs {@code task} and blocks until it ends, its deadline passes (status TIMEOUT), or {@link #stop}
     * ends it (KILLED or CANCELLED). Never throws for a failure of the function.
     */
    Outcome run(Task task);

    /**
     * Ends the running task from another thread: abruptly (KILLED: SIGKILL, or interrupt and abandon) or
     * politely (CANCELLED: SIGTERM, or interrupt). The container is not reused afterwards.
     */
    void stop(boolean abrupt);

    /** Whether the container may serve another invocation. */
    boolean reusable();

    /** Releases the sandbox (thread or process). */
    @Override
    void close();

    /**
     * Waits up to {@code wait} for a closed sandbox to have ended: a stopped function's thread
     * unwinds on its interrupt, closing what it opened. The default returns at once.
     */
    default void awaitClosed(java.time.Duration wait) {
    }
}
