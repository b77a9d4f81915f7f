package dev.cumulus.runtime;

/**
 * Signals an invocation request that no platform attempt can fix: an unregistered function name, limits
 * outside the platform's range, or a payload that is not a valid invocation envelope.
 */
public final class InvalidInvocationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidInvocationException(String message) {
        super(message);
    }
}
