package dev.cumulus.ps;

/** The parameter server did not answer for longer than the client's configured wait. */
public final class ServerUnavailableException extends ParameterServerException {

    public ServerUnavailableException(ServerAddress address, String message, Throwable cause) {
        super(address, message, cause);
    }
}
