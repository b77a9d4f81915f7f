package dev.cumulus.cli.output;

import dev.cumulus.channel.Channels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text and values as the command may show or write them: every URI in them with its password
 * masked by {@link Channels#masked}, wherever the URI came from (a job key, an override, an error
 * message), so that a secret given in a URI never reaches a terminal, a log or a run directory.
 */
public final class Redacted {
    private static final Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^\\s'\"<>]+");

    private Redacted() {
    }

    /** {@code text} with the password of every URI in it masked. */
    public static String text(String text) {
        if (text == null || !text.contains("://")) {
            return text;
        }
        Matcher m = URI.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(Channels.masked(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A copy of a tree of maps, lists and scalars with every string in it passed through {@link #text}. */
    public static Object tree(Object value) {
        if (value instanceof String s) {
            return text(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, tree(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(tree(v)));
            return copy;
        }
        return value;
    }

    /** {@link #tree} of a map, typed as one. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, ?> map) {
        return (Map<String, Object>) tree(map);
    }
}
