package dev.cumulus.data.source;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/** Typed reads of job-file values, each failing with an {@link InvalidDataSpecException}. */
final class MapValues {
    private MapValues() {
    }

    static Path path(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        try {
            return Path.of(v.toString());
        } catch (InvalidPathException e) {
            throw new InvalidDataSpecException(key, v, "not a valid path: " + e.getReason());
        }
    }

    static Integer integer(Map<String, Object> m, String key) {
        Long v = longValue(m, key);
        if (v == null) {
            return null;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new InvalidDataSpecException(key, m.get(key), "must fit in a 32-bit integer");
        }
        return v.intValue();
    }

    static Long longValue(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        try {
            return Long.parseLong(v.toString().trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new InvalidDataSpecException(key, v, "expected an integer");
        }
    }

    static Double doubleValue(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new InvalidDataSpecException(key, v, "expected a number");
        }
    }

    static Boolean bool(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v.toString().trim();
        if (s.equalsIgnoreCase("true")) {
            return true;
        }
        if (s.equalsIgnoreCase("false")) {
            return false;
        }
        throw new InvalidDataSpecException(key, v, "expected true or false");
    }
}
