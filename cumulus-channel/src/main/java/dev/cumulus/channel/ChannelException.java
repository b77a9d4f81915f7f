package dev.cumulus.channel;

/** A channel operation failed: the store is unreachable, refused the request, or returned bad data. */
public class ChannelException extends RuntimeException {
    public ChannelException(String message) {
        super(message);
    }

    public ChannelException(String message, Throwable cause) {
        super(message, cause);
    }
}
