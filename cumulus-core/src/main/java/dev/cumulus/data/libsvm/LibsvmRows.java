package dev.cumulus.data.libsvm;

import dev.cumulus.data.GrowableArrays;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.text.DecimalFloats;
import dev.cumulus.data.text.DecimalInts;
import dev.cumulus.data.text.LineError;
import dev.cumulus.data.text.RangeParser;
import java.nio.charset.StandardCharsets;

/**
 * The CSR rows of one byte range of a LIBSVM file. Lines of plain ASCII numbers are parsed over
 * their bytes; any other line is parsed again from its decoded text, which reads it as the
 * line-by-line reader did or says exactly why it is malformed.
 */
final class LibsvmRows extends RangeParser {
    private static final int BLANK = 0;
    private static final int ROW = 1;
    private static final int SLOW = -1;
    private static final int MAX_INDEX_DIGITS = 10;

    private final LibsvmOptions options;
    private final GrowableArrays.Ints rawLabels = new GrowableArrays.Ints(1024);
    private final GrowableArrays.Ints rowStart = new GrowableArrays.Ints(1024);
    private final GrowableArrays.Ints indices = new GrowableArrays.Ints(1 << 14);
    private final GrowableArrays.Floats values = new GrowableArrays.Floats(1 << 14);
    private int maxIndex;

    LibsvmRows(LibsvmOptions options) {
        this.options = options;
        rowStart.add(0);
    }

    GrowableArrays.Ints rawLabels() {
        return rawLabels;
    }

    /** Row starts relative to this range, one more than the rows. */
    GrowableArrays.Ints rowStart() {
        return rowStart;
    }

    GrowableArrays.Ints indices() {
        return indices;
    }

    GrowableArrays.Floats values() {
        return values;
    }

    /** The largest one-based index seen, 0 if none. */
    int maxIndex() {
        return maxIndex;
    }

    @Override
    protected boolean parseLine(byte[] bytes, int from, int to) {
        int fast = fastLine(bytes, from, to);
        if (fast != SLOW) {
            return fast == ROW;
        }
        return slowLine(new String(bytes, from, to - from, StandardCharsets.UTF_8));
    }

    @Override
    protected void keepRows(int keep) {
        int nonZeros = rowStart.get(keep);
        rawLabels.truncate(keep);
        rowStart.truncate(keep + 1);
        indices.truncate(nonZeros);
        values.truncate(nonZeros);
        maxIndex = 0;
        for (int p = 0; p < nonZeros; p++) {
            maxIndex = Math.max(maxIndex, indices.get(p) + 1);
        }
    }

    private int fastLine(byte[] bytes, int from, int to) {
        int end = from;
        while (end < to && bytes[end] != '#') {
            end++;
        }
        int pos = skipBlanks(bytes, from, end);
        if (pos == end) {
            return BLANK;
        }
        int tokenEnd = tokenEnd(bytes, pos, end);
        long raw = DecimalInts.parseOrNotPlain(bytes, pos, tokenEnd);
        if (raw == DecimalInts.NOT_PLAIN || (options.labelMap() != null && options.labelMap().classOf((int) raw) < 0)) {
            return SLOW;
        }
        int before = indices.size();
        int previous = 0;
        int lineMax = maxIndex;
        pos = skipBlanks(bytes, tokenEnd, end);
        while (pos < end) {
            tokenEnd = tokenEnd(bytes, pos, end);
            int index = fastPair(bytes, pos, tokenEnd, previous);
            if (index < 0) {
                indices.truncate(before);
                values.truncate(before);
                return SLOW;
            }
            previous = index;
            lineMax = Math.max(lineMax, index);
            pos = skipBlanks(bytes, tokenEnd, end);
        }
        maxIndex = lineMax;
        rawLabels.add((int) raw);
        rowStart.add(indices.size());
        return ROW;
    }

    /** Stores a plain "index:value" at bytes[from, to) and returns the index, or -1 for anything else. */
    private int fastPair(byte[] bytes, int from, int to, int previous) {
        long index = 0;
        int i = from;
        while (i < to && bytes[i] != ':') {
            byte c = bytes[i];
            if (c < '0' || c > '9' || i - from >= MAX_INDEX_DIGITS) {
                return -1;
            }
            index = index * 10 + (c - '0');
            i++;
        }
        if (i == from || i == to || index < 1 || index <= previous || index > Integer.MAX_VALUE
                || (options.features() != null && index > options.features())) {
            return -1;
        }
        float value = DecimalFloats.parseOrNaN(bytes, i + 1, to);
        if (value != value) {
            return -1;
        }
        indices.add((int) index - 1);
        values.add(value);
        return (int) index;
    }

    /** The reading of a line from its text, with the reasons a malformed line gets. */
    private boolean slowLine(String line) {
        int end = line.indexOf('#');
        if (end < 0) {
            end = line.length();
        }
        int pos = skipBlanks(line, 0, end);
        if (pos == end) {
            return false;
        }
        int tokenEnd = tokenEnd(line, pos, end);
        int raw = parseLabel(line.substring(pos, tokenEnd));
        if (options.labelMap() != null && options.labelMap().classOf(raw) < 0) {
            throw new LineError("label " + raw + " is out of range: expected " + options.labelMap().describe());
        }
        int before = indices.size();
        int lineMax = maxIndex;
        int previous = 0;
        try {
            pos = skipBlanks(line, tokenEnd, end);
            while (pos < end) {
                tokenEnd = tokenEnd(line, pos, end);
                previous = parsePair(line, pos, tokenEnd, previous);
                lineMax = Math.max(lineMax, previous);
                pos = skipBlanks(line, tokenEnd, end);
            }
        } catch (LineError e) {
            indices.truncate(before);
            values.truncate(before);
            throw e;
        }
        maxIndex = lineMax;
        rawLabels.add(raw);
        rowStart.add(indices.size());
        return true;
    }

    private static int parseLabel(String token) {
        try {
            return LabelMap.parseRawLabel(token);
        } catch (IllegalArgumentException e) {
            throw new LineError(e.getMessage());
        }
    }

    /** Parses the "index:value" at line[from, to), stores it, returns the index. */
    private int parsePair(String line, int from, int to, int previous) {
        int colon = line.indexOf(':', from);
        if (colon < 0 || colon >= to) {
            throw new LineError("expected index:value, got '" + line.substring(from, to) + "'");
        }
        int index = parseIndex(line, from, colon, to);
        if (index < 1) {
            throw new LineError("index " + index + " in '" + line.substring(from, to)
                    + "' is invalid: indices are one-based (at least 1)");
        }
        if (index <= previous) {
            throw new LineError("index " + index + " in '" + line.substring(from, to)
                    + "' does not increase (previous index " + previous + ")");
        }
        if (options.features() != null && index > options.features()) {
            throw new LineError("index " + index + " in '" + line.substring(from, to)
                    + "' is beyond the declared feature count " + options.features());
        }
        String valueText = line.substring(colon + 1, to);
        float value;
        try {
            value = Float.parseFloat(valueText);
        } catch (NumberFormatException e) {
            throw new LineError("value '" + valueText + "' of index " + index + " is not a number");
        }
        if (!Float.isFinite(value)) {
            throw new LineError("value '" + valueText + "' of index " + index + " is not finite");
        }
        indices.add(index - 1);
        values.add(value);
        return index;
    }

    private static int parseIndex(String line, int from, int colon, int to) {
        String text = line.substring(from, colon);
        if (text.equals("qid")) {
            throw new LineError("'qid:' (ranking data) is not supported");
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new LineError("index '" + text + "' in '" + line.substring(from, to) + "' is not an integer");
        }
    }

    private static int skipBlanks(byte[] b, int pos, int end) {
        while (pos < end && isBlank(b[pos])) {
            pos++;
        }
        return pos;
    }

    private static int tokenEnd(byte[] b, int pos, int end) {
        while (pos < end && !isBlank(b[pos])) {
            pos++;
        }
        return pos;
    }

    private static int skipBlanks(String s, int pos, int end) {
        while (pos < end && isBlank(s.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    private static int tokenEnd(String s, int pos, int end) {
        while (pos < end && !isBlank(s.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    private static boolean isBlank(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f';
    }
}
