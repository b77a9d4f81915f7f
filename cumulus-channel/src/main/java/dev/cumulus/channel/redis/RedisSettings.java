package dev.cumulus.channel.redis;

import dev.cumulus.channel.ChannelOptions;
import dev.cumulus.channel.ChannelUriException;
import dev.cumulus.channel.Channels;
import dev.cumulus.channel.Endpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how to reach a Redis server: address, credentials (password, or ACL user and password),
 * database, TLS.
 *
 * @param host         server host
 * @param port         server port
 * @param user         ACL user, or null for the default user
 * @param password     password, or null for none
 * @param database     database number, 0 to 15 on a default server
 * @param tls          whether to connect with TLS ({@code rediss://})
 * @param verifyPeer   whether TLS checks the server's certificate and host name
 * @param caCertificate PEM file of the certificate authority to trust, or null for the JVM's default trust
 * @param options      request timeout and retries
 * @param inFlightKb   kilobytes of values (GET replies, SET arguments) sent ahead on the
 *                     connection before the first is answered; see {@link CommandWindow}
 */
public record RedisSettings(String host, int port, String user, String password, int database, boolean tls,
        boolean verifyPeer, Path caCertificate, ChannelOptions options, int inFlightKb) {

    /**
     * The default of {@link #inFlightKb}: one large value at a time per connection (a value is sent
     * while less than this is in flight), and small ones still pipelined, 4 of 64 KB. On 2 cores,
     * 16 workers' ScatterReduce of 10 MB reached 61-72% of the mirrored raw loop in four runs with
     * 256 KB, against 53-61% with 1 MB and 55% with 4 MB; at 1 MB and 40 MB the two were within
     * each other's noise (docs/bench/channels.md, "Round 4").
     */
    public static final int DEFAULT_IN_FLIGHT_KB = 256;
    private static final int MAX_IN_FLIGHT_KB = 1 << 20;
    private static final Set<String> PARAMETERS = Set.of("timeoutMillis", "attempts", "verifyPeer", "caCert", "inFlightKb");

    public RedisSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(options, "options");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, got " + port);
        }
        if (database < 0) {
            throw new IllegalArgumentException("database must be >= 0, got " + database);
        }
        if (user != null && password == null) {
            throw new IllegalArgumentException("ACL user '" + user + "' needs a password");
        }
        if (inFlightKb < 1 || inFlightKb > MAX_IN_FLIGHT_KB) {
            throw new IllegalArgumentException("inFlightKb must be in 1.." + MAX_IN_FLIGHT_KB + ", got " + inFlightKb);
        }
    }

    /** A server without authentication or TLS. */
    public static RedisSettings of(String host, int port) {
        return new RedisSettings(host, port, null, null, 0, false, true, null, ChannelOptions.DEFAULTS,
                DEFAULT_IN_FLIGHT_KB);
    }

    /**
     * Reads {@code redis://[[USER]:PASSWORD@]HOST[:PORT][/DB][?timeoutMillis=..&attempts=..&inFlightKb=..]},
     * or {@code rediss://...&verifyPeer=false&caCert=PEM} for TLS.
     */
    public static RedisSettings parse(String uri, ChannelOptions defaults) {
        Endpoint endpoint = Endpoint.parse(uri, PARAMETERS);
        boolean tls = endpoint.scheme().equals("rediss");
        if (endpoint.hosts(6379).size() != 1) {
            throw new ChannelUriException(endpoint.shown(), "a redis URI names exactly one HOST:PORT");
        }
        Endpoint.HostPort address = endpoint.hosts(6379).get(0);
        int database = 0;
        if (!endpoint.path().isEmpty()) {
            try {
                database = Integer.parseInt(endpoint.path());
            } catch (NumberFormatException e) {
                database = -1;
            }
            if (database < 0) {
                throw new ChannelUriException(endpoint.shown(), "path '/" + endpoint.path()
                        + "' must be a database number such as /0");
            }
        }
        if (endpoint.user() != null && endpoint.password() == null) {
            throw new ChannelUriException(endpoint.shown(), "user '" + endpoint.user()
                    + "' without a password; expected redis://USER:PASSWORD@HOST:PORT");
        }
        Path ca = null;
        String caText = endpoint.param("caCert", null);
        if (caText != null) {
            ca = Path.of(caText);
            if (!tls) {
                throw new ChannelUriException(endpoint.shown(), "caCert needs TLS: use rediss://");
            }
            if (!Files.isReadable(ca)) {
                throw new ChannelUriException(endpoint.shown(), "caCert file " + ca + " is not readable");
            }
        }
        String inFlightText = endpoint.param("inFlightKb", null);
        int inFlightKb = DEFAULT_IN_FLIGHT_KB;
        if (inFlightText != null) {
            long parsed = Channels.positiveParameter(endpoint.shown(), "inFlightKb", inFlightText);
            if (parsed > MAX_IN_FLIGHT_KB) {
                throw new ChannelUriException(endpoint.shown(), "inFlightKb=" + inFlightText
                        + " is too many; expected 1 to " + MAX_IN_FLIGHT_KB);
            }
            inFlightKb = (int) parsed;
        }
        return new RedisSettings(address.host(), address.port(), endpoint.user(), endpoint.password(), database,
                tls, endpoint.flag("verifyPeer", true), ca, endpoint.options(defaults), inFlightKb);
    }

    public RedisSettings withOptions(ChannelOptions newOptions) {
        return new RedisSettings(host, port, user, password, database, tls, verifyPeer, caCertificate, newOptions,
                inFlightKb);
    }

    /** The address for logs: scheme, user, host, port and database, never the password. */
    public String describe() {
        return (tls ? "rediss://" : "redis://") + (user != null ? user + "@" : "") + host + ":" + port
                + (database != 0 ? "/" + database : "");
    }
}
