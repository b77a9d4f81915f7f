package dev.cumulus.data.text;

/**
 * A float parser over ASCII bytes for the plain decimal numbers data files are made of
 * ({@code -12.5}, {@code 0.001}, {@code 3e-4}), giving exactly the float {@link Float#parseFloat}
 * gives, or NaN when the text is anything else and the caller must ask the JDK.
 *
 * <p>Why it is exact: up to 18 digits and a decimal exponent within +-22 make the
 * mantissa m and 10^|e| exact doubles, so {@code m * 10^e} (or {@code m / 10^-e}) is the correctly
 * rounded double of the decimal. Rounding that double to float is then the correctly rounded float
 * of the decimal too, unless the double sits exactly halfway between two floats (the decimal may
 * lie on either side of that midpoint); those rare inputs, and mantissas above 2^53, return NaN.
 * Shorter numbers (mantissa below 2^24, exponent within +-10) take one float operation on exact
 * operands, which IEEE arithmetic rounds correctly by itself.
 */
public final class DecimalFloats {
    /** At most 18 digits, so the mantissa cannot overflow a long. */
    private static final int MAX_DIGITS = 18;
    private static final int MAX_EXPONENT_DIGITS = 4;
    private static final int MAX_EXACT_POWER = 22;
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    /** The 29 double mantissa bits a float drops, set to exactly one half of a float ulp. */
    private static final long DROPPED_BITS = (1L << 29) - 1;
    private static final long HALF_FLOAT_ULP = 1L << 28;
    private static final double[] POWERS_OF_TEN = powersOfTen();
    /** 10^10 = 2^10 * 5^10 and 5^10 < 2^24: powers up to 10 are exact floats. */
    private static final int MAX_EXACT_FLOAT_POWER = 10;
    private static final long MAX_EXACT_FLOAT_MANTISSA = 1L << 24;
    private static final float[] FLOAT_POWERS_OF_TEN = floatPowersOfTen();

    private DecimalFloats() {
    }

    /** What {@link #scan} returns when no number it can handle starts there. */
    public static final long NO_NUMBER = -1L;

    /**
     * Parses {@code bytes[from, to)} (no surrounding blanks): an optional sign, digits with at most
     * one decimal point, and an optional exponent. Returns NaN, never a wrong value, for anything
     * it does not handle (empty text, {@code NaN}, {@code Infinity}, hex, a type suffix, too many
     * digits, a large exponent, a double-rounding midpoint).
     */
    public static float parseOrNaN(byte[] bytes, int from, int to) {
        long scanned = scan(bytes, from, to);
        return scanned != NO_NUMBER && end(scanned) == to ? value(scanned) : Float.NaN;
    }

    /**
     * Reads the number that starts at {@code from} and ends before {@code limit} or at the first
     * byte that cannot continue it, and returns its value and end packed in a long (see
     * {@link #value} and {@link #end}), or {@link #NO_NUMBER}. The caller checks what follows: an
     * {@code e} without exponent digits, or a suffix such as {@code f}, is left unread. The value
     * is the JDK's float for the text read; anything the fast path does not handle exactly (see
     * the class comment) gives NO_NUMBER.
     */
    public static long scan(byte[] bytes, int from, int limit) {
        int i = from;
        if (i >= limit) {
            return NO_NUMBER;
        }
        boolean negative = false;
        byte c = bytes[i];
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        // Leading zeros count as digits too: the limit then also bounds the loop's work, and
        // the rare long run of zeros ("0.00000000000000000001") takes the JDK's path.
        // The parsers call this for every value of a file, and C2 compiles the sides of a branch
        // its profile never saw as traps: a rare number without a point, or one with an exponent
        // (5 and 190 in 5 million values of lr-1m), threw the parser back to the interpreter and had
        // it compiled again. So the loops exit through one unsigned comparison whatever follows the
        // digits, and the point is skipped by arithmetic, not by a branch: a number without one has
        // a non-digit there, and the fraction loop then reads no digit.
        long mantissa = 0;
        int firstDigit = i;
        int d;
        while (i < limit && (d = bytes[i] - '0') + Integer.MIN_VALUE < 10 + Integer.MIN_VALUE) {
            mantissa = mantissa * 10 + d;
            i++;
        }
        int digits = i - firstDigit;
        if (i < limit) {
            i += (((bytes[i] ^ '.') & 0xFF) - 1) >>> 31;
        }
        int fractionStart = i;
        while (i < limit && (d = bytes[i] - '0') + Integer.MIN_VALUE < 10 + Integer.MIN_VALUE) {
            mantissa = mantissa * 10 + d;
            i++;
        }
        int exponent = fractionStart - i;
        digits -= exponent;
        if (digits == 0 || digits > MAX_DIGITS) {
            return NO_NUMBER;
        }
        if (i < limit && (bytes[i] == 'e' || bytes[i] == 'E')) {
            long scanned = scanExponent(bytes, i, limit);
            if (scanned == NO_NUMBER) {
                return NO_NUMBER;
            }
            exponent += (int) scanned;
            i = end(scanned);
        }
        float value = mantissa == 0 ? (negative ? -0f : 0f) : scale(negative ? -mantissa : mantissa, exponent);
        if (value != value) {
            return NO_NUMBER;
        }
        return ((long) i << 32) | (Float.floatToRawIntBits(value) & 0xFFFFFFFFL);
    }

    /**
     * The exponent at {@code bytes[at]} ('e' or 'E'): its value and end packed like
     * {@link #scan}'s result; 0 ending at {@code at} when no digits follow (the 'e' is left
     * unread); NO_NUMBER for more than four digits. Kept out of {@link #scan} so that the common
     * path stays small enough to be inlined into the parsers' loops.
     */
    private static long scanExponent(byte[] bytes, int at, int limit) {
        int j = at + 1;
        boolean negative = false;
        if (j < limit && (bytes[j] == '-' || bytes[j] == '+')) {
            negative = bytes[j] == '-';
            j++;
        }
        int digitsStart = j;
        int written = 0;
        byte c;
        while (j < limit && (c = bytes[j]) >= '0' && c <= '9') {
            if (j - digitsStart == MAX_EXPONENT_DIGITS) {
                return NO_NUMBER;
            }
            written = written * 10 + (c - '0');
            j++;
        }
        if (j == digitsStart) {
            return (long) at << 32;
        }
        return ((long) j << 32) | ((negative ? -written : written) & 0xFFFFFFFFL);
    }

    /** The float of a {@link #scan} result. */
    public static float value(long scanned) {
        return Float.intBitsToFloat((int) scanned);
    }

    /** The index after the number of a {@link #scan} result. */
    public static int end(long scanned) {
        return (int) (scanned >>> 32);
    }

    private static float scale(long signedMantissa, int exponent) {
        // Mantissa and power of ten both exact floats: one correctly rounded float operation.
        if (signedMantissa < MAX_EXACT_FLOAT_MANTISSA && signedMantissa > -MAX_EXACT_FLOAT_MANTISSA
                && exponent >= -MAX_EXACT_FLOAT_POWER && exponent <= MAX_EXACT_FLOAT_POWER) {
            float m = signedMantissa;
            // A number without a point (exponent 0) divides by 1, exactly, on the common side.
            return exponent > 0 ? m * FLOAT_POWERS_OF_TEN[exponent] : m / FLOAT_POWERS_OF_TEN[-exponent];
        }
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

    private static float[] floatPowersOfTen() {
        float[] p = new float[MAX_EXACT_FLOAT_POWER + 1];
        p[0] = 1;
        for (int i = 1; i < p.length; i++) {
            p[i] = p[i - 1] * 10;
        }
        return p;
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
