package dev.cumulus.engine.job;

/**
 * A job file or override is invalid; the message names where (file and line, or {@code --set}),
 * the key, the value and what was expected, always in the style of {@link #invalid} and
 * {@link #missing}.
 */
public class InvalidJobException extends RuntimeException {
    public InvalidJobException(String message) {
        super(message);
    }

    /** {@code job.yaml line 7: invalid value 'x' for model.type: expected one of ...}. */
    public static InvalidJobException invalid(String origin, String key, Object value, String expected) {
        // A value may be a URI with a password (a channel's): never echo the password.
        String shown = dev.cumulus.channel.Channels.masked(String.valueOf(value));
        return new InvalidJobException(origin + ": invalid value '" + shown + "' for " + key + ": " + expected);
    }

    /** {@code job.yaml: missing value for dataset.path: source csv needs the path of its data file}. */
    public static InvalidJobException missing(String origin, String key, String why) {
        return new InvalidJobException(origin + ": missing value for " + key + ": " + why);
    }
}
