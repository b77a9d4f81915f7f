package dev.cumulus.data.libsvm;

import dev.cumulus.data.GrowableArrays;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.text.DecimalFloats;
import dev.cumulus.data.text.DecimalInts;
import dev.cumulus.data.text.LineError;
import dev.cumulus.data.text.Lines;
import dev.cumulus.data.text.RangeParser;
import java.nio.charset.StandardCharsets;

/**
 * The CSR rows of one byte range of a LIBSVM file. Lines of plain ASCII numbers are parsed over
 * their bytes; any other line is parsed again from its decoded text, which reads it as the
 * line-by-line reader did or says exactly why it is malformed.
 */
final class LibsvmRows extends RangeParser {
    private static final int MAX_INDEX_DIGITS = 10;

    private final LibsvmOptions options;
    private final GrowableArrays.Ints rawLabels = new GrowableArrays.Ints(1024);
    private final GrowableArrays.Ints rowStart = new GrowableArrays.Ints(1024);
    private final GrowableArrays.Ints indices;
    private final GrowableArrays.Floats values;
    private int maxIndex;

    /** Sized for a range of {@code rangeBytes}: an "index:value" pair takes at least four bytes, usually many more. */
    LibsvmRows(LibsvmOptions options, int rangeBytes) {
        this.options = options;
        this.indices = new GrowableArrays.Ints(rangeBytes / 12);
        this.values = new GrowableArrays.Floats(rangeBytes / 12);
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
    protected int parseFast(byte[] bytes, int from, int limit) {
        int pos = skipBlanks(bytes, from, limit);
        long label = DecimalInts.scan(bytes, pos, limit);
        if (label == DecimalInts.NOT_PLAIN) {
            return -1;
        }
        int raw = DecimalInts.value(label);
        if (options.labelMap() != null && options.labelMap().classOf(raw) < 0) {
            return -1;
        }
        pos = DecimalInts.end(label);
        int before = indices.size();
        int previous = 0;
        Integer declared = options.features();
        while (true) {
            if (pos < limit && !isBlank(bytes[pos]) && !isLineEnd(bytes[pos])) {
                break;
            }
            pos = skipBlanks(bytes, pos, limit);
            if (pos == limit || isLineEnd(bytes[pos])) {
                int end = pos < limit && bytes[pos] == '#' ? Lines.end(bytes, pos, limit) : pos;
                maxIndex = Math.max(maxIndex, previous);
                rawLabels.add(raw);
                rowStart.add(indices.size());
                return end;
            }
            long index = 0;
            int digitsStart = pos;
            byte c;
            while (pos < limit && (c = bytes[pos]) >= '0' && c <= '9' && pos - digitsStart < MAX_INDEX_DIGITS) {
                index = index * 10 + (c - '0');
                pos++;
            }
            if (pos == digitsStart || pos == limit || bytes[pos] != ':' || index <= previous
                    || index > Integer.MAX_VALUE || (declared != null && index > declared)) {
                break;
            }
            long value = DecimalFloats.scan(bytes, pos + 1, limit);
            if (value == DecimalFloats.NO_NUMBER) {
                break;
            }
            indices.add((int) index - 1);
            values.add(DecimalFloats.value(value));
            previous = (int) index;
            pos = DecimalFloats.end(value);
        }
        indices.truncate(before);
        values.truncate(before);
        return -1;
    }

    /** A byte that ends the data of a line: a terminator or the start of a comment. */
    private static boolean isLineEnd(byte c) {
        return c == '\n' || c == '\r' || c == '#';
    }

    @Override
    protected boolean parseLine(byte[] bytes, int from, int to) {
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

    /** Skips blanks within a line: in bytes, a '\r' ends the line rather than being blank. */
    private static int skipBlanks(byte[] b, int pos, int end) {
        while (pos < end && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\f')) {
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
