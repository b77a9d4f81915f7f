package dev.cumulus.engine.p2p;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one-line form a job file gives a named component with numeric parameters,
 * {@code name:key=value,key=value} (e.g. {@code alie:z=1.5,direction=1}), and lists of them
 * separated by spaces (e.g. {@code clipping:threshold=5 nnm}).
 */
record SpecText(String name, Map<String, Double> parameters) {

    /** Parses one item; a malformed parameter is an error naming the item and what was expected. */
    static SpecText parse(String text) {
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        String name = colon < 0 ? trimmed : trimmed.substring(0, colon);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no name before its parameters");
        }
        return new SpecText(name, colon < 0 ? Map.of() : parameters(trimmed.substring(colon + 1)));
    }

    /** Parses {@code key=value,key=value} (empty: no parameters). */
    static Map<String, Double> parameters(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (text.isBlank()) {
            return out;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("parameter '" + pair.trim() + "' is not key=number");
            }
            String key = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            try {
                if (out.put(key, Double.parseDouble(value)) != null) {
                    throw new IllegalArgumentException("parameter " + key + " is given twice");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parameter " + key + "=" + value + " is not a number");
            }
        }
        return out;
    }

    /** Parses a space-separated list of items, in order. */
    static List<SpecText> list(String text) {
        List<SpecText> out = new ArrayList<>();
        for (String item : text.trim().split("\\s+")) {
            if (!item.isEmpty()) {
                out.add(parse(item));
            }
        }
        return out;
    }
}
