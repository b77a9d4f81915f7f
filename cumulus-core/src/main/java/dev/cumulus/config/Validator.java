package dev.cumulus.config;

import java.util.Arrays;
import java.util.List;

/**
 * A check on a converted value: returns {@code null} when the value is valid, otherwise what was
 * expected ("a number greater than 0").
 */
@FunctionalInterface
public interface Validator {

    /** Null when {@code value} is acceptable, otherwise a phrase saying what was expected. */
    String check(Object value);

    /** Describes the valid values for the reference doc; empty when any value of the type is fine. */
    default String describe() {
        return "";
    }

    static Validator any() {
        return v -> null;
    }

    static Validator oneOf(String... allowed) {
        List<String> values = Arrays.asList(allowed);
        String phrase = "one of " + String.join(", ", values);
        return new Validator() {
            @Override
            public String check(Object value) {
                return values.contains(value) ? null : phrase;
            }

            @Override
            public String describe() {
                return phrase;
            }
        };
    }

    /** Accepts numbers in [min, max]; either bound may be infinite. */
    static Validator between(double min, double max) {
        String phrase = rangePhrase(min, max, false);
        return new Validator() {
            @Override
            public String check(Object value) {
                double d = ((Number) value).doubleValue();
                return d >= min && d <= max && !Double.isNaN(d) ? null : phrase;
            }

            @Override
            public String describe() {
                return phrase;
            }
        };
    }

    /** Accepts numbers in the open interval (min, max), for fractions that exclude both ends. */
    static Validator strictlyBetween(double min, double max) {
        String phrase = "a number greater than " + format(min) + " and less than " + format(max);
        return new Validator() {
            @Override
            public String check(Object value) {
                double d = ((Number) value).doubleValue();
                return d > min && d < max ? null : phrase;
            }

            @Override
            public String describe() {
                return phrase;
            }
        };
    }

    /** Accepts numbers strictly greater than {@code min}. */
    static Validator greaterThan(double min) {
        String phrase = rangePhrase(min, Double.POSITIVE_INFINITY, true);
        return new Validator() {
            @Override
            public String check(Object value) {
                double d = ((Number) value).doubleValue();
                return d > min && Double.isFinite(d) ? null : phrase;
            }

            @Override
            public String describe() {
                return phrase;
            }
        };
    }

    /** Accepts integer lists whose every element is at least {@code min} and that are not empty. */
    static Validator allAtLeast(int min) {
        String phrase = "a non-empty list of integers, each at least " + min;
        return new Validator() {
            @Override
            public String check(Object value) {
                List<?> list = (List<?>) value;
                if (list.isEmpty()) {
                    return phrase;
                }
                for (Object o : list) {
                    if ((Integer) o < min) {
                        return phrase;
                    }
                }
                return null;
            }

            @Override
            public String describe() {
                return phrase;
            }
        };
    }

    private static String rangePhrase(double min, double max, boolean exclusiveMin) {
        String lo = format(min);
        if (Double.isInfinite(max)) {
            return "a number " + (exclusiveMin ? "greater than " : "at least ") + lo;
        }
        return "a number from " + lo + " to " + format(max);
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
