package dev.cumulus.config;

import java.util.ArrayList;
import java.util.List;

/** The type of a configuration key's value, and how a raw YAML or command-line value converts to it. */
public enum ValueType {
    STRING("a string"),
    INT("an integer"),
    LONG("an integer"),
    DOUBLE("a number"),
    BOOLEAN("true or false"),
    INT_LIST("a list of integers, such as [128, 64]");

    private final String expected;

    ValueType(String expected) {
        this.expected = expected;
    }

    /** What a value of this type looks like, for error messages and the reference doc. */
    public String expected() {
        return expected;
    }

    /**
     * Converts a raw value (a String from {@code --set}, or what the YAML parser produced) to this
     * type.
     *
     * @throws IllegalArgumentException with "expected ..." when it does not convert
     */
    public Object convert(Object raw) {
        if (raw == null) {
            return null;
        }
        try {
            switch (this) {
                case STRING:
                    if (raw instanceof List<?> || raw instanceof java.util.Map<?, ?>) {
                        throw new IllegalArgumentException();
                    }
                    return raw.toString();
                case INT:
                    return Math.toIntExact(wholeNumber(raw));
                case LONG:
                    return wholeNumber(raw);
                case DOUBLE:
                    if (raw instanceof Number n) {
                        return n.doubleValue();
                    }
                    return Double.parseDouble(raw.toString().trim());
                case BOOLEAN:
                    if (raw instanceof Boolean b) {
                        return b;
                    }
                    String s = raw.toString().trim();
                    if (s.equals("true") || s.equals("false")) {
                        return Boolean.parseBoolean(s);
                    }
                    throw new IllegalArgumentException();
                case INT_LIST:
                    return intList(raw);
                default:
                    throw new AssertionError(this);
            }
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new IllegalArgumentException("expected " + expected);
        }
    }

    private static long wholeNumber(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof Number n) {
            double d = n.doubleValue();
            // (long) 1e30 would quietly become Long.MAX_VALUE.
            if (d != Math.rint(d) || d >= 0x1p63 || d < -0x1p63) {
                throw new IllegalArgumentException();
            }
            return (long) d;
        }
        return Long.parseLong(raw.toString().trim());
    }

    private static List<Integer> intList(Object raw) {
        List<?> items;
        if (raw instanceof List<?> l) {
            items = l;
        } else {
            String s = raw.toString().trim();
            if (s.startsWith("[") && s.endsWith("]")) {
                s = s.substring(1, s.length() - 1);
            }
            items = s.isBlank() ? List.of() : List.of(s.split(","));
        }
        List<Integer> out = new ArrayList<>();
        for (Object item : items) {
            out.add(Math.toIntExact(wholeNumber(item)));
        }
        return List.copyOf(out);
    }
}
