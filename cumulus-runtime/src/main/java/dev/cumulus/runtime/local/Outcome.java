package dev.cumulus.runtime.local;

import dev.cumulus.runtime.InvocationStatus;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * How one run in a {@link Container} ended, before the platform adds queueing, cold start and billing.
 *
 * @param status how it ended
 * @param output the function's output (empty unless OK)
 * @param errorMessage what went wrong, empty when OK
 * @param duration how long the function ran
 * @param exitCode exit code of the container's process if it ended, else empty
 */
public record Outcome(InvocationStatus status, byte[] output, String errorMessage, Duration duration,
        OptionalInt exitCode) {

    /** A successful run. */
    public static Outcome ok(byte[] output, Duration duration) {
        return new Outcome(InvocationStatus.OK, output == null ? new byte[0] : output, "", duration, OptionalInt.empty());
    }

    /** A run that did not produce output. */
    public static Outcome failed(InvocationStatus status, String errorMessage, Duration duration) {
        return new Outcome(status, new byte[0], errorMessage, duration, OptionalInt.empty());
    }

    /** Describes a function's exception the same way on every platform: class name and message. */
    public static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getName() + (message == null ? "" : ": " + message);
    }
}
