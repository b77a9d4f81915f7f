package dev.cumulus.data.text;

import java.nio.charset.StandardCharsets;

/**
 * Reads the first lines of a {@link TextBytes} one at a time, for what a format must learn before
 * parsing in parallel (a header, the field count of the first row).
 */
public final class LineCursor {
    private static final int FIRST_WINDOW_BYTES = 1 << 16;

    private final TextBytes bytes;
    private byte[] window = new byte[0];
    private long windowStart;
    private int windowLength;
    private long position;
    private long lineStart;
    private long lineNumber;

    public LineCursor(TextBytes bytes, long start) {
        this.bytes = bytes;
        this.position = start;
        this.windowStart = start;
    }

    /** The next line, decoded as UTF-8 without its terminator, or null at the end of the file. */
    public String next() {
        if (position >= bytes.size()) {
            return null;
        }
        while (true) {
            int from = (int) (position - windowStart);
            int end = from < windowLength ? Lines.end(window, from, windowLength) : windowLength;
            boolean windowReachesEnd = windowStart + windowLength >= bytes.size();
            // A line that ends at the window's edge may go on, and a '\r' there may start a "\r\n".
            if (end < windowLength - 1 || windowReachesEnd) {
                lineStart = position;
                lineNumber++;
                String line = new String(window, from, end - from, StandardCharsets.UTF_8);
                position = windowStart + Lines.next(window, end, windowLength);
                return line;
            }
            load(Math.max(FIRST_WINDOW_BYTES, 2L * windowLength));
        }
    }

    /** The one-based number, counted from the cursor's start, of the line {@link #next} returned last. */
    public long lineNumber() {
        return lineNumber;
    }

    /** The byte offset where the line {@link #next} returned last starts. */
    public long lineStart() {
        return lineStart;
    }

    private void load(long length) {
        windowStart = position;
        windowLength = (int) Math.min(Math.min(length, Integer.MAX_VALUE - 16), bytes.size() - position);
        window = bytes.copy(windowStart, windowStart + windowLength);
    }
}
