package dev.cumulus.ps;

/**
 * Where a parameter server listens: a host name or IP literal and a TCP port.
 *
 * @param host a host name, an IPv4 literal or an IPv6 literal (without brackets)
 * @param port 1 to 65535
 */
public record ServerAddress(String host, int port) {

    public ServerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("Invalid parameter server host '" + host + "': expected a host name or IP literal");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Invalid parameter server port " + port + " for host " + host
                    + ": expected 1 to 65535");
        }
    }

    /** Parses {@code host:port} or {@code [v6-literal]:port}, as {@link #toString()} prints it. */
    public static ServerAddress parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("Invalid parameter server address null: expected host:port");
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("Invalid parameter server address '" + text + "': expected host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid parameter server address '" + text + "': the port is not a number", e);
        }
        return new ServerAddress(host, port);
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
