package dev.cumulus.ps;

/** A parameter server refused a request or could not be reached; the message names the server's address. */
public class ParameterServerException extends RuntimeException {
    private final ServerAddress address;

    public ParameterServerException(ServerAddress address, String message, Throwable cause) {
        super(message, cause);
        this.address = address;
    }

    /** The server the request went to. */
    public ServerAddress address() {
        return address;
    }
}
