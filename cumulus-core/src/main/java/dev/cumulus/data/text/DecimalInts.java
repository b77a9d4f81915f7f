package dev.cumulus.data.text;

/**
 * An int parser over ASCII bytes for the plain integers of data files ({@code 7}, {@code +1},
 * {@code -1}); anything else is left to the caller's slow path.
 */
public final class DecimalInts {
    /** Returned when the text is not a plain integer of at most nine digits. */
    public static final long NOT_PLAIN = Long.MIN_VALUE;
    private static final int MAX_DIGITS = 9;

    private DecimalInts() {
    }

    /**
     * Parses {@code bytes[from, to)}: an optional sign and one to nine digits, which
     * {@link Integer#parseInt} reads the same way; returns {@link #NOT_PLAIN} for anything else.
     */
    public static long parseOrNotPlain(byte[] bytes, int from, int to) {
        int i = from;
        boolean negative = false;
        if (i < to && (bytes[i] == '-' || bytes[i] == '+')) {
            negative = bytes[i] == '-';
            i++;
        }
        if (i == to || to - i > MAX_DIGITS) {
            return NOT_PLAIN;
        }
        int value = 0;
        for (; i < to; i++) {
            byte c = bytes[i];
            if (c < '0' || c > '9') {
                return NOT_PLAIN;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }

    /**
     * Reads the sign and one to nine digits at {@code from} (ending at {@code limit} or the first
     * non-digit) and returns the value and end packed in a long (see {@link #value} and
     * {@link #end}), or {@link #NOT_PLAIN}; the caller checks what follows.
     */
    public static long scan(byte[] bytes, int from, int limit) {
        int i = from;
        boolean negative = false;
        if (i < limit && (bytes[i] == '-' || bytes[i] == '+')) {
            negative = bytes[i] == '-';
            i++;
        }
        int digitsStart = i;
        int value = 0;
        byte c;
        while (i < limit && (c = bytes[i]) >= '0' && c <= '9') {
            if (i - digitsStart == MAX_DIGITS) {
                return NOT_PLAIN;
            }
            value = value * 10 + (c - '0');
            i++;
        }
        if (i == digitsStart) {
            return NOT_PLAIN;
        }
        return ((long) i << 32) | ((negative ? -value : value) & 0xFFFFFFFFL);
    }

    /** The int of a {@link #scan} result. */
    public static int value(long scanned) {
        return (int) scanned;
    }

    /** The index after the digits of a {@link #scan} result. */
    public static int end(long scanned) {
        return (int) (scanned >>> 32);
    }
}
