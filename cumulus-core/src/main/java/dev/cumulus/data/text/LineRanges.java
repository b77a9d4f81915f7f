package dev.cumulus.data.text;

import dev.cumulus.data.DataFormatException;
import java.util.ArrayList;
import java.util.List;

/** Cuts a text file into byte ranges of whole lines: each range but the last ends just after a {@code \n}. */
final class LineRanges {
    private static final int PROBE_BYTES = 1 << 16;
    private static final long MAX_RANGE_BYTES = Integer.MAX_VALUE - 16;

    private LineRanges() {
    }

    /** Range boundaries from {@code start} to the end: range k is [bounds[k], bounds[k + 1]). */
    static long[] split(TextBytes bytes, long start, long rangeBytes, String source) {
        List<Long> bounds = new ArrayList<>();
        bounds.add(start);
        long size = bytes.size();
        long from = start;
        while (from + rangeBytes < size) {
            long next = lineStartAtOrAfter(bytes, from + rangeBytes);
            if (next >= size) {
                break;
            }
            checkLength(from, next, source);
            bounds.add(next);
            from = next;
        }
        checkLength(from, size, source);
        bounds.add(size);
        return bounds.stream().mapToLong(Long::longValue).toArray();
    }

    /** The first position p at or after {@code position} whose previous byte is a {@code \n}, or the size. */
    private static long lineStartAtOrAfter(TextBytes bytes, long position) {
        long size = bytes.size();
        byte[] probe = new byte[PROBE_BYTES];
        long at = position - 1;
        while (at < size) {
            int n = (int) Math.min(PROBE_BYTES, size - at);
            bytes.read(at, probe, n);
            for (int i = 0; i < n; i++) {
                if (probe[i] == '\n') {
                    return at + i + 1;
                }
            }
            at += n;
        }
        return size;
    }

    private static void checkLength(long from, long to, String source) {
        if (to - from > MAX_RANGE_BYTES) {
            throw DataFormatException.atByte(source, from, "a line starting near here runs for more than 2 GiB");
        }
    }
}
