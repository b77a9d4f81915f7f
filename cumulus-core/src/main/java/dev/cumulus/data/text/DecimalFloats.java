package dev.cumulus.data.text;

/**
 * A float parser over ASCII bytes for the plain decimal numbers data files are made of
 * ({@code -12.5}, {@code 0.001}, {@code 3e-4}), giving exactly the float {@link Float#parseFloat}
 * gives, or NaN when the text is anything else and the caller must ask the JDK.
 *
 * <p>Why it is exact: up to 19 significant digits and a decimal exponent within +-22 make the
 * mantissa m and 10^|e| exact doubles, so {@code m * 10^e} (or {@code m / 10^-e}) is the correctly
 * rounded double of the decimal. Rounding that double to float is then the correctly rounded float
 * of the decimal too, unless the double sits exactly halfway between two floats (the decimal may
 * lie on either side of that midpoint); those rare inputs, and mantissas above 2^53, return NaN.
 */
public final class DecimalFloats {
    private static final int MAX_DIGITS = 19;
    private static final int MAX_EXACT_POWER = 22;
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    /** The 29 double mantissa bits a float drops, set to exactly one half of a float ulp. */
    private static final long DROPPED_BITS = (1L << 29) - 1;
    private static final long HALF_FLOAT_ULP = 1L << 28;
    private static final double[] POWERS_OF_TEN = powersOfTen();

    private DecimalFloats() {
    }

    /**
     * Parses {@code bytes[from, to)} (no surrounding blanks): an optional sign, digits with at most
     * one decimal point, and an optional exponent. Returns NaN, never a wrong value, for anything
     * it does not handle (empty text, {@code NaN}, {@code Infinity}, hex, a type suffix, too many
     * digits, a large exponent, a double-rounding midpoint).
     */
    public static float parseOrNaN(byte[] bytes, int from, int to) {
        int i = from;
        if (i >= to) {
            return Float.NaN;
        }
        boolean negative = false;
        byte c = bytes[i];
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int exponent = 0;
        boolean anyDigit = false;
        while (i < to && (c = bytes[i]) >= '0' && c <= '9') {
            anyDigit = true;
            if (mantissa != 0 || c != '0') {
                if (++digits > MAX_DIGITS) {
                    return Float.NaN;
                }
                mantissa = mantissa * 10 + (c - '0');
            }
            i++;
        }
        if (i < to && bytes[i] == '.') {
            i++;
            while (i < to && (c = bytes[i]) >= '0' && c <= '9') {
                anyDigit = true;
                if (mantissa != 0 || c != '0') {
                    if (++digits > MAX_DIGITS) {
                        return Float.NaN;
                    }
                    mantissa = mantissa * 10 + (c - '0');
                }
                exponent--;
                i++;
            }
        }
        if (!anyDigit) {
            return Float.NaN;
        }
        if (i < to && (bytes[i] == 'e' || bytes[i] == 'E')) {
            int written = parseExponent(bytes, i + 1, to);
            if (written == Integer.MIN_VALUE) {
                return Float.NaN;
            }
            exponent += written;
            i = to;
        }
        if (i != to) {
            return Float.NaN;
        }
        if (mantissa == 0) {
            return negative ? -0f : 0f;
        }
        return scale(negative ? -mantissa : mantissa, exponent);
    }

    /** The exponent digits after 'e' (at most 4, with an optional sign), or MIN_VALUE. */
    private static int parseExponent(byte[] bytes, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
            negative = bytes[i] == '-';
            i++;
        }
        if (i == to || to - i > 4) {
            return Integer.MIN_VALUE;
        }
        int value = 0;
        for (; i < to; i++) {
            byte c = bytes[i];
            if (c < '0' || c > '9') {
                return Integer.MIN_VALUE;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }

    private static float scale(long signedMantissa, int exponent) {
        if (Math.abs(signedMantissa) > MAX_EXACT_MANTISSA || exponent < -MAX_EXACT_POWER
                || exponent > MAX_EXACT_POWER) {
            return Float.NaN;
        }
        double m = signedMantissa;
        double d = exponent >= 0 ? m * POWERS_OF_TEN[exponent] : m / POWERS_OF_TEN[-exponent];
        if ((Double.doubleToRawLongBits(d) & DROPPED_BITS) == HALF_FLOAT_ULP) {
            return Float.NaN;
        }
        return (float) d;
    }

    private static double[] powersOfTen() {
        double[] p = new double[MAX_EXACT_POWER + 1];
        p[0] = 1;
        for (int i = 1; i < p.length; i++) {
            p[i] = p[i - 1] * 10;
        }
        return p;
    }
}
