package dev.cumulus.data.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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
    /** Eight bytes of an array as one long, the first byte lowest (C2 compiles it to one load). */
    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** What {@link #scanInto}'s window reads past its start: a sign, then two words of eight. */
    private static final int WINDOW_BYTES = 24;
    private static final long[] LONG_POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
        100_000_000};
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0L;
    private static final long ZEROS = 0x3030303030303030L;

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

    /**
     * {@link #scan} for a parser that keeps the value in an array: stores the value of the number at
     * {@code from} in {@code out[at]} and returns the index after it, or -1 (nothing stored) where
     * scan returns {@link #NO_NUMBER}. The same values and ends as scan, faster on the numbers data
     * files are mostly made of: a sign, one to seven digits, a point and one to eight digits
     * (-2.331987, 0.02826691), which it reads sixteen bytes at a time, with no branch on the data.
     *
     * <p>Why not scan itself: scan's caller takes the end out of the long that also holds the value,
     * so every number waited for the one before it to be converted and divided; here the end is
     * known as soon as the digits are found, and the next number's reading overlaps this one's
     * arithmetic. 21 ns a value against 26-29 for scan's loop over the 275 MB lr-1m file, one core.
     */
    public static int scanInto(byte[] bytes, int from, int limit, float[] out, int at) {
        if (from >= limit || bytes.length - from < WINDOW_BYTES) {
            return scanIntoSlowly(bytes, from, limit, out, at);
        }
        byte c = bytes[from];
        // 1 for '-', else 0 (and likewise for '+'), by arithmetic: the sign is a coin toss per value,
        // and a branch on it was mispredicted half the time.
        int minus = (((c ^ '-') & 0xFF) - 1) >>> 31;
        int start = from + (minus | ((((c ^ '+') & 0xFF) - 1) >>> 31));
        long low = (long) EIGHT_BYTES.get(bytes, start);
        long high = (long) EIGHT_BYTES.get(bytes, start + 8);
        long lowMarks = nonDigits(low);
        // Offsets of the first non-digit (the point) and of the next one (the end), from the two
        // words' marks; an offset of 8 in the low word means "none there": look in the high word.
        int next = 8 + (Long.numberOfTrailingZeros(nonDigits(high)) >>> 3);
        int point = Long.numberOfTrailingZeros(lowMarks) >>> 3;
        point += (point >>> 3) * (next - 8);
        // The marks after the point's byte (none if the point is the low word's last byte).
        int end = Long.numberOfTrailingZeros(lowMarks & ((-1L << (8 * point + 7)) << 1)) >>> 3;
        end += (end >>> 3) * (next - 8);
        int fraction = end - point - 1;
        // Anything else (no point, no digit on a side of it, more digits than the window shows, the
        // end past the range, an exponent) takes scan's loop. One branch for all of them, each test a
        // sign bit: C2 compiles a side its profile never saw as a trap, and with a branch per test
        // each rare form (a number without a point, one with an exponent) recompiled the parser again.
        int outside = (point - 1) | (7 - point) | (fraction - 1) | (8 - fraction) | (15 - end)
                | (limit - start - end) | -((bytes[start + point] ^ '.') & 0xFF)
                | ~-(((bytes[start + end] | 0x20) ^ 'e') & 0xFF);
        if (outside < 0) {
            return scanIntoSlowly(bytes, from, limit, out, at);
        }
        long mantissa = digits(low, point) * LONG_POWERS_OF_TEN[fraction]
                + digits((long) EIGHT_BYTES.get(bytes, start + point + 1), fraction);
        // At most 15 digits and 10^8, both exact doubles: one correctly rounded division, whose float
        // is the decimal's unless the double sits on a float midpoint (see the class comment). In
        // double for every number, not only those past 2^24 as in scan: Java's shortest float text
        // has 8 or 9 digits about half the time, and a branch on it would be mispredicted so often.
        double quotient = mantissa / POWERS_OF_TEN[fraction];
        if ((Double.doubleToRawLongBits(quotient) & DROPPED_BITS) == HALF_FLOAT_ULP) {
            return scanIntoSlowly(bytes, from, limit, out, at);
        }
        // The sign goes in as a bit.
        out[at] = Float.intBitsToFloat(Float.floatToRawIntBits((float) quotient) | (minus << 31));
        return start + end;
    }

    private static int scanIntoSlowly(byte[] bytes, int from, int limit, float[] out, int at) {
        long scanned = scan(bytes, from, limit);
        if (scanned == NO_NUMBER) {
            return -1;
        }
        out[at] = value(scanned);
        return end(scanned);
    }

    /** The high bit of each byte of {@code w} that is not an ASCII digit, the others clear. */
    private static long nonDigits(long w) {
        // Per byte: the high nibble is 3 and adding 6 leaves it 3 only for '0' to '9'; no carry
        // crosses into a byte before the first non-digit, which is all the callers read.
        long nibbles = (w & HIGH_NIBBLES) | (((w + 0x0606060606060606L) & HIGH_NIBBLES) >>> 4);
        long z = nibbles ^ 0x3333333333333333L;
        return (((z & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | z) & HIGH_BITS;
    }

    /** The value of the first {@code n} (1 to 8) bytes of {@code w}, ASCII digits, the first most significant. */
    private static long digits(long w, int n) {
        // Shifted so the digits fill the top bytes; then pairs, quads and the whole are combined by
        // three multiplications, each summing two lanes scaled by 10, 100 and 10,000.
        long v = (w - ZEROS) << (64 - 8 * n);
        v = v * 10 + (v >>> 8);
        return ((v & 0x000000FF000000FFL) * (100 + (1_000_000L << 32))
                + ((v >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32))) >>> 32;
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
