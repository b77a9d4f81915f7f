package dev.cumulus.engine.run;

/** A run could not finish: a worker failed or timed out. The message says which and why. */
public class TrainingFailedException extends RuntimeException {
    public TrainingFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
