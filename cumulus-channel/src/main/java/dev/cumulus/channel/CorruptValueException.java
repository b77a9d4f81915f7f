package dev.cumulus.channel;

/** Bytes read from a channel do not have the expected format (wrong header, truncated, or of the wrong length). */
public class CorruptValueException extends ChannelException {
    public CorruptValueException(String message) {
        super(message);
    }

    public CorruptValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
