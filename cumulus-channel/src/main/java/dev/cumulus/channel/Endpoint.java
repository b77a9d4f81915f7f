package dev.cumulus.channel;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of a networked channel URI {@code scheme://[user[:password]@]authority[/path][?query]},
 * split without {@link java.net.URI} so that every problem is reported as a {@link ChannelUriException}
 * naming the (password-masked) URI.
 *
 * @param shown     the URI with its password masked, for messages
 * @param scheme    lower-case scheme
 * @param user      user name, or null
 * @param password  password, or null
 * @param authority what stands between the user info and the path: {@code host:port[,host:port]} or a bucket/table
 * @param path      what follows the authority without the leading '/', possibly empty
 * @param params    query parameters, checked against the names the scheme allows
 */
public record Endpoint(String shown, String scheme, String user, String password, String authority, String path,
        Map<String, String> params) {

    /** Splits {@code uri}; parameters other than {@code allowed} are an error naming them. */
    public static Endpoint parse(String uri, Set<String> allowed) {
        String shown = ChannelUris.mask(uri);
        int sep = uri.indexOf("://");
        if (sep <= 0) {
            throw new ChannelUriException(shown, "expected SCHEME://...");
        }
        String scheme = uri.substring(0, sep).toLowerCase(java.util.Locale.ROOT);
        String rest = uri.substring(sep + 3);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String path = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String info = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
            if (user.isEmpty()) {
                user = null;
            }
        }
        return new Endpoint(shown, scheme, user, password, rest, path, Channels.parameters(shown, query, allowed));
    }

    /** The authority as a list of {@code host:port}, each checked; {@code defaultPort} fills a missing port. */
    public List<HostPort> hosts(int defaultPort) {
        if (authority.isEmpty()) {
            throw new ChannelUriException(shown, "no host: expected " + scheme + "://HOST:PORT");
        }
        List<HostPort> hosts = new ArrayList<>();
        for (String part : authority.split(",")) {
            int colon = part.lastIndexOf(':');
            String host = colon < 0 ? part : part.substring(0, colon);
            int port = defaultPort;
            if (colon >= 0) {
                try {
                    port = Integer.parseInt(part.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = -1;
                }
            }
            if (host.isEmpty() || port < 1 || port > 65535) {
                throw new ChannelUriException(shown, "'" + part + "' is not HOST:PORT with a port in 1..65535");
            }
            hosts.add(new HostPort(host, port));
        }
        return hosts;
    }

    /** A parameter, or {@code fallback} when absent. */
    public String param(String name, String fallback) {
        return params.getOrDefault(name, fallback);
    }

    /** A boolean parameter ({@code true} or {@code false}). */
    public boolean flag(String name, boolean fallback) {
        String value = params.get(name);
        if (value == null) {
            return fallback;
        }
        if (value.equalsIgnoreCase("true") || value.isEmpty()) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ChannelUriException(shown, "parameter " + name + "=" + value + " must be true or false");
    }

    /** {@code defaults} with this URI's {@code timeoutMillis} and {@code attempts} applied. */
    public ChannelOptions options(ChannelOptions defaults) {
        return Channels.options(shown, params, defaults);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** One server address. */
    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
