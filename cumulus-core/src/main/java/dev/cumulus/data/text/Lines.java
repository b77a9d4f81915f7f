package dev.cumulus.data.text;

/**
 * Line boundaries in bytes, as {@link java.io.BufferedReader#readLine} draws them: a line ends at
 * {@code \n}, {@code \r} or {@code \r\n}, and a last line without a terminator still counts.
 */
public final class Lines {
    private Lines() {
    }

    /** The index of the first terminator byte at or after {@code from}, or {@code to}. */
    public static int end(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            byte c = bytes[i];
            if (c == '\n' || c == '\r') {
                return i;
            }
            i++;
        }
        return to;
    }

    /** The start of the next line, given the {@link #end} of this one. */
    public static int next(byte[] bytes, int end, int to) {
        if (end >= to) {
            return to;
        }
        if (bytes[end] == '\r' && end + 1 < to && bytes[end + 1] == '\n') {
            return end + 2;
        }
        return end + 1;
    }

    /**
     * The number of lines in {@code bytes[from, to)}: one per terminator, plus the unterminated
     * last line when {@code countUnterminated} is set and it is not empty.
     */
    public static long count(byte[] bytes, int from, int to, boolean countUnterminated) {
        long lines = 0;
        int pos = from;
        while (pos < to) {
            int end = end(bytes, pos, to);
            if (end == to) {
                return countUnterminated ? lines + 1 : lines;
            }
            lines++;
            pos = next(bytes, end, to);
        }
        return lines;
    }
}
