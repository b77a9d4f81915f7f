package dev.cumulus.sim.cost;

/** Validation shared by the parameter records: every refusal names the field and the value. */
final class Check {
    private Check() {
    }

    static double nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw invalid(field, value, "a finite number at least 0");
        }
        return value;
    }

    static double positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalid(field, value, "a finite number greater than 0");
        }
        return value;
    }

    /** Positive, or positive infinity for "unbounded". */
    static double positiveOrUnbounded(String field, double value) {
        if (!(value > 0)) {
            throw invalid(field, value, "a number greater than 0 (or infinity for unbounded)");
        }
        return value;
    }

    static int atLeast(String field, int value, int minimum) {
        if (value < minimum) {
            throw new InvalidParameterException(field, "Invalid value " + value + " for " + field
                    + ": expected an integer at least " + minimum);
        }
        return value;
    }

    static InvalidParameterException invalid(String field, double value, String expected) {
        return new InvalidParameterException(field, "Invalid value " + value + " for " + field + ": expected "
                + expected);
    }

    /** Parses {@code text} as the value of {@code field}; missing and non-numeric text are refused by name. */
    static double parse(String field, String text, String source) {
        if (text == null) {
            throw new InvalidParameterException(field, "Missing " + field + " in " + source);
        }
        String t = text.strip();
        double value;
        if (t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("infinity") || t.equals("unbounded")) {
            value = Double.POSITIVE_INFINITY;
        } else {
            try {
                value = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new InvalidParameterException(field, "Invalid value '" + text + "' for " + field + " in "
                        + source + ": expected a number");
            }
        }
        if (Double.isNaN(value)) {
            throw new InvalidParameterException(field, "Invalid value '" + text + "' for " + field + " in "
                    + source + ": expected a number");
        }
        return value;
    }
}
