package dev.cumulus.channel.memcached;

import dev.cumulus.channel.ChannelOptions;
import dev.cumulus.channel.ChannelUriException;
import dev.cumulus.channel.Endpoint;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where the Memcached servers are and the largest item they take.
 *
 * @param servers      one or more servers; keys are spread over them by consistent hashing
 * @param maxItemBytes the servers' item size limit ({@code -I}, 1 MB by default); values are split below it
 * @param options      request timeout and retries
 */
public record MemcachedSettings(List<Endpoint.HostPort> servers, int maxItemBytes, ChannelOptions options) {

    /** Memcached's default item limit (1 MiB) less room for the key and item header. */
    public static final int DEFAULT_MAX_ITEM_BYTES = 1024 * 1024 - 2048;
    private static final Set<String> PARAMETERS = Set.of("timeoutMillis", "attempts", "maxItemBytes");

    public MemcachedSettings {
        servers = List.copyOf(servers);
        Objects.requireNonNull(options, "options");
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("at least one memcached server is needed");
        }
        if (maxItemBytes < 1024) {
            throw new IllegalArgumentException("maxItemBytes must be >= 1024, got " + maxItemBytes);
        }
    }

    /** Reads {@code memcached://HOST:PORT[,HOST:PORT...][?timeoutMillis=..&attempts=..&maxItemBytes=..]}. */
    public static MemcachedSettings parse(String uri, ChannelOptions defaults) {
        Endpoint endpoint = Endpoint.parse(uri, PARAMETERS);
        if (endpoint.user() != null || !endpoint.path().isEmpty()) {
            throw new ChannelUriException(endpoint.shown(), "expected memcached://HOST:PORT[,HOST:PORT] with no user or path");
        }
        String max = endpoint.param("maxItemBytes", null);
        int maxItem = DEFAULT_MAX_ITEM_BYTES;
        if (max != null) {
            long parsed = Long.parseLong(max.matches("\\d{1,9}") ? max : "-1");
            if (parsed < 1024) {
                throw new ChannelUriException(endpoint.shown(), "maxItemBytes=" + max + " must be an integer of at least 1024");
            }
            maxItem = (int) parsed;
        }
        return new MemcachedSettings(endpoint.hosts(11211), maxItem, endpoint.options(defaults));
    }

    public String describe() {
        return "memcached://" + String.join(",", servers.stream().map(Endpoint.HostPort::toString).toList());
    }
}
