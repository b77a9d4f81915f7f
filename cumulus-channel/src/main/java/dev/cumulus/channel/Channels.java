package dev.cumulus.channel;

import dev.cumulus.channel.file.DirectoryChannel;
import dev.cumulus.channel.memory.MemoryChannel;
import dev.cumulus.channel.memory.MemoryChannels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Opens the channel a job names by URI.
 *
 * <table>
 *   <caption>Channel URIs</caption>
 *   <tr><td>{@code memory:}</td><td>a new private in-memory store</td></tr>
 *   <tr><td>{@code memory:NAME}</td><td>the in-memory store NAME, shared by every open in this JVM</td></tr>
 *   <tr><td>{@code file:DIR}</td><td>a directory (created if missing)</td></tr>
 *   <tr><td>{@code redis://[USER:PASSWORD@]HOST:PORT[/DB]}, {@code rediss://...}</td><td>Redis, TLS for rediss</td></tr>
 *   <tr><td>{@code memcached://HOST:PORT[,HOST:PORT...]}</td><td>Memcached</td></tr>
 *   <tr><td>{@code s3://BUCKET[/PREFIX]?endpoint=URL&region=R}</td><td>S3 or any S3-compatible store</td></tr>
 *   <tr><td>{@code dynamodb://TABLE?endpoint=URL&region=R}</td><td>DynamoDB or a compatible endpoint</td></tr>
 * </table>
 *
 * <p>Networked channels also take {@code timeoutMillis} (per request) and {@code attempts} (per
 * request, including the first) as query parameters. A URI that cannot be opened is reported as a
 * {@link ChannelUriException} naming it (with any password masked) and saying what was expected.
 *
 * <p>The user info may name its secrets instead of holding them: {@code ${env:NAME}} is the value
 * of an environment variable and {@code ${file:PATH}} the content of a file (without its final
 * newline), as in {@code redis://:${env:REDIS_PASSWORD}@host:6379}. They are resolved by
 * {@link #open}, in the process that opens the channel; {@link #check} and {@link #masked} leave
 * them as they are.
 */
public final class Channels {
    private Channels() {
    }

    /** Opens {@code uri} with default request timeouts and retries. */
    public static Channel open(String uri) {
        return open(uri, ChannelOptions.DEFAULTS);
    }

    /** Opens {@code uri}; its {@code timeoutMillis} and {@code attempts} parameters override {@code options}. */
    public static Channel open(String uri, ChannelOptions options) {
        return read(CredentialReferences.resolve(uri, System::getenv), options).get();
    }

    /**
     * {@code uri} with the password of any {@code user:password@} replaced by {@code ***}, for
     * messages, logs and reports; a password that is only a {@code ${env:NAME}} or
     * {@code ${file:PATH}} reference is kept.
     */
    public static String masked(String uri) {
        return uri == null ? null : ChannelUris.mask(uri);
    }

    /**
     * Checks that {@code uri} names a channel {@link #open} can try, without opening it or
     * connecting anywhere, so that a job is refused before it loads its data.
     *
     * @throws ChannelUriException saying what is wrong
     */
    public static void check(String uri) {
        read(CredentialReferences.withoutValues(uri), ChannelOptions.DEFAULTS);
    }

    /** Reads the URI into what opens the channel; a URI that cannot be read fails here. */
    private static java.util.function.Supplier<Channel> read(String uri, ChannelOptions options) {
        if (uri == null || uri.isBlank()) {
            throw new ChannelUriException(String.valueOf(uri), "empty; expected one of memory:, file:DIR, "
                    + "redis://HOST:PORT, memcached://HOST:PORT, s3://BUCKET, dynamodb://TABLE");
        }
        String trimmed = uri.trim();
        int colon = trimmed.indexOf(':');
        String scheme = colon < 0 ? "" : trimmed.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        String rest = colon < 0 ? "" : trimmed.substring(colon + 1);
        String shown = ChannelUris.mask(trimmed);
        return switch (scheme) {
            case "memory" -> memory(shown, rest);
            case "file" -> directory(shown, rest);
            default -> ChannelUris.networked(shown, trimmed, scheme, options);
        };
    }

    private static java.util.function.Supplier<Channel> memory(String shown, String rest) {
        if (rest.isEmpty()) {
            return MemoryChannel::new;
        }
        if (!rest.matches("[A-Za-z0-9_.-]+")) {
            throw new ChannelUriException(shown, "a memory store name may use letters, digits, '_', '.' and '-' only");
        }
        return () -> MemoryChannels.open(rest);
    }

    private static java.util.function.Supplier<Channel> directory(String shown, String rest) {
        String path = rest.startsWith("//") ? rest.substring(2) : rest;
        if (path.isEmpty()) {
            throw new ChannelUriException(shown, "no directory: expected file:DIR, such as file:/tmp/cumulus");
        }
        if (path.contains("?")) {
            throw new ChannelUriException(shown, "a file channel takes no parameters");
        }
        return () -> new DirectoryChannel(Path.of(path));
    }

    /** Parses {@code a=1&b=2}; unknown names (not in {@code allowed}) are an error naming them. */
    static Map<String, String> parameters(String shown, String query, Set<String> allowed) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            if (!allowed.contains(name)) {
                throw new ChannelUriException(shown, "unknown parameter '" + name + "'; expected one of " + allowed);
            }
            params.put(name, value);
        }
        return params;
    }

    static ChannelOptions options(String shown, Map<String, String> params, ChannelOptions defaults) {
        ChannelOptions options = defaults;
        String timeout = params.get("timeoutMillis");
        if (timeout != null) {
            options = options.withOperationTimeout(Duration.ofMillis(positive(shown, "timeoutMillis", timeout)));
        }
        String attempts = params.get("attempts");
        if (attempts != null) {
            long count = positive(shown, "attempts", attempts);
            if (count > 100) {
                throw new ChannelUriException(shown, "attempts=" + attempts + " is too many; expected 1 to 100");
            }
            options = options.withAttempts((int) count);
        }
        return options;
    }

    /** A positive integer parameter of a channel URI, or a {@link ChannelUriException} naming it. */
    public static long positiveParameter(String shown, String name, String value) {
        return positive(shown, name, value);
    }

    static long positive(String shown, String name, String value) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ChannelUriException(shown, "parameter " + name + "=" + value + " is not a positive integer");
    }
}
