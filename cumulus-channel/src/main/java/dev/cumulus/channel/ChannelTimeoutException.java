package dev.cumulus.channel;

/** A wait on a channel ran out of time. */
public class ChannelTimeoutException extends ChannelException {
    public ChannelTimeoutException(String message) {
        super(message);
    }
}
