package dev.cumulus.engine.job;

/**
 * A job file or override is invalid; the message names where (file and line, or {@code --set}),
 * the key, the value and what was expected.
 */
public class InvalidJobException extends RuntimeException {
    public InvalidJobException(String message) {
        super(message);
    }
}
