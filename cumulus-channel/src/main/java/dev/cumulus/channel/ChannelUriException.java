package dev.cumulus.channel;

/** A channel URI that cannot be opened: unknown scheme, missing part or bad parameter. */
public class ChannelUriException extends ChannelException {
    private final String uri;

    public ChannelUriException(String uri, String problem) {
        super("Invalid channel URI '" + uri + "': " + problem);
        this.uri = uri;
    }

    /** The URI as given (passwords included: do not log it unredacted). */
    public String uri() {
        return uri;
    }
}
