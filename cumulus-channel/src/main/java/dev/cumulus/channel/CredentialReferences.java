package dev.cumulus.channel;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * References to secrets in the user info of a channel URI, such as
 * {@code redis://:${env:REDIS_PASSWORD}@host:6379} or {@code redis://app:${file:/run/secrets/redis}@host},
 * so that a job file (and the run report that records it) names where a password is, never the
 * password itself. A reference is resolved only when the channel is opened, in the process that
 * opens it.
 */
final class CredentialReferences {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}:]*):?([^}]*)}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private CredentialReferences() {
    }

    /**
     * {@code uri} with every reference in its user info replaced by its value, URL-encoded so that
     * the URI still splits where it did.
     *
     * @param env the environment, {@code System::getenv} outside tests
     * @throws ChannelUriException naming the reference when it is malformed, unset or unreadable
     */
    static String resolve(String uri, UnaryOperator<String> env) {
        return replace(uri, (kind, argument) -> encode(value(uri, kind, argument, env)));
    }

    /** {@code uri} with every (well-formed) reference in its user info replaced by a placeholder, for checks. */
    static String withoutValues(String uri) {
        return replace(uri, (kind, argument) -> {
            checkSyntax(uri, kind, argument);
            return "reference";
        });
    }

    /** Whether {@code text} is one reference and nothing else, and so not a secret. */
    static boolean isReference(String text) {
        Matcher m = REFERENCE.matcher(text);
        return m.matches() && (m.group(1).equals("env") || m.group(1).equals("file"));
    }

    /**
     * The index of the '@' that ends the user info of {@code uri}, whose authority starts at
     * {@code start}, or -1 when there is none. The authority ends at the first '/', '?' or '#'
     * outside a reference (a file reference holds a path).
     */
    static int userInfoEnd(String uri, int start) {
        int at = -1;
        for (int i = start; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '$' && i + 1 < uri.length() && uri.charAt(i + 1) == '{') {
                int close = uri.indexOf('}', i);
                if (close > 0) {
                    i = close;
                    continue;
                }
            }
            if (c == '/' || c == '?' || c == '#') {
                break;
            }
            if (c == '@') {
                at = i;
            }
        }
        return at;
    }

    /** The index of the first {@code wanted} in {@code text} outside a reference, or -1. */
    static int indexOutsideReferences(String text, char wanted) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                int close = text.indexOf('}', i);
                if (close > 0) {
                    i = close;
                    continue;
                }
            }
            if (c == wanted) {
                return i;
            }
        }
        return -1;
    }

    private interface Replacement {
        String of(String kind, String argument);
    }

    private static String replace(String uri, Replacement replacement) {
        if (uri == null) {
            return null;
        }
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return uri;
        }
        int start = scheme + 3;
        int at = userInfoEnd(uri, start);
        if (at < 0) {
            return uri;
        }
        Matcher m = REFERENCE.matcher(uri.substring(start, at));
        StringBuilder userInfo = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(userInfo, Matcher.quoteReplacement(replacement.of(m.group(1), m.group(2))));
        }
        m.appendTail(userInfo);
        return uri.substring(0, start) + userInfo + uri.substring(at);
    }

    private static void checkSyntax(String uri, String kind, String argument) {
        String reference = "${" + kind + ":" + argument + "}";
        switch (kind) {
            case "env" -> {
                if (!ENV_NAME.matcher(argument).matches()) {
                    throw new ChannelUriException(ChannelUris.mask(uri), reference
                            + " does not name an environment variable; expected ${env:NAME}");
                }
            }
            case "file" -> {
                if (argument.isEmpty()) {
                    throw new ChannelUriException(ChannelUris.mask(uri), reference
                            + " names no file; expected ${file:PATH}");
                }
            }
            default -> throw new ChannelUriException(ChannelUris.mask(uri), "unknown reference '" + reference
                    + "'; expected ${env:NAME} or ${file:PATH}");
        }
    }

    private static String value(String uri, String kind, String argument, UnaryOperator<String> env) {
        checkSyntax(uri, kind, argument);
        String reference = "${" + kind + ":" + argument + "}";
        if (kind.equals("env")) {
            String value = env.apply(argument);
            if (value == null) {
                throw new ChannelUriException(ChannelUris.mask(uri), reference + ": environment variable "
                        + argument + " is not set");
            }
            return value;
        }
        try {
            // A secret file usually ends with a newline that is not part of the secret.
            return Files.readString(Path.of(argument), StandardCharsets.UTF_8).replaceFirst("\\R+\\z", "");
        } catch (IOException | RuntimeException e) {
            throw new ChannelUriException(ChannelUris.mask(uri), reference + ": cannot read " + argument + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
