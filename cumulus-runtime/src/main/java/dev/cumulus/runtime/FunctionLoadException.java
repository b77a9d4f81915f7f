package dev.cumulus.runtime;

/** Signals that a registered function's class cannot be loaded or instantiated where it is to run. */
public final class FunctionLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FunctionLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
