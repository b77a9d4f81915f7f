package dev.cumulus.runtime;

/** How an invocation ended. */
public enum InvocationStatus {
    /** The function returned normally; the output holds its bytes. */
    OK,
    /** The function threw; the error message names the exception. */
    ERROR,
    /** The function ran past its time limit and the platform stopped it. */
    TIMEOUT,
    /** The function was killed abruptly: by {@link Invocation#kill()} or by a signal to its process. */
    KILLED,
    /** The function's process exited without producing a result (exit code in the result). */
    CRASHED,
    /** The invocation was cancelled by its caller, before or while it ran. */
    CANCELLED,
    /** The request could never succeed: unknown function, limits out of range, malformed payload. */
    INVALID_REQUEST;

    /** Whether the function produced its output. */
    public boolean succeeded() {
        return this == OK;
    }
}
