package dev.cumulus.channel;

/** The store refused the caller: wrong password, unknown user, or an operation its ACL forbids. Never retried. */
public class ChannelAccessException extends ChannelException {
    public ChannelAccessException(String message) {
        super(message);
    }

    public ChannelAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
