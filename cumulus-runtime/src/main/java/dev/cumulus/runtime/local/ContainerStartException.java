package dev.cumulus.runtime.local;

/** Signals that a container (a child JVM, say) could not be started or did not become ready in time. */
public final class ContainerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ContainerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
