package dev.cumulus.data.csv;

import dev.cumulus.data.GrowableArrays;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.text.DecimalFloats;
import dev.cumulus.data.text.DecimalInts;
import dev.cumulus.data.text.LineError;
import dev.cumulus.data.text.RangeParser;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The rows of one byte range of a CSV file. Each line is parsed over its bytes when it holds only
 * plain ASCII numbers; anything else (an empty field, a wrong field count, text, non-ASCII bytes,
 * numbers the fast parsers leave to the JDK) is parsed again from its decoded text, which either
 * reads it as before or says exactly why it is malformed.
 */
final class CsvRows extends RangeParser {
    private static final int BLANK = 0;
    private static final int ROW = 1;
    private static final int SLOW = -1;

    private final CsvShape shape;
    private final GrowableArrays.Ints rawLabels = new GrowableArrays.Ints(1024);
    private final GrowableArrays.Floats values;

    CsvRows(CsvShape shape) {
        this.shape = shape;
        this.values = new GrowableArrays.Floats(1024 * shape.features());
    }

    GrowableArrays.Ints rawLabels() {
        return rawLabels;
    }

    GrowableArrays.Floats values() {
        return values;
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
        rawLabels.truncate(keep);
        values.truncate(keep * shape.features());
    }

    /** Parses a line of plain ASCII numbers; returns SLOW, having added nothing, for anything else. */
    private int fastLine(byte[] bytes, int from, int to) {
        if (shape.delimiterByte() < 0) {
            return SLOW;
        }
        int first = from;
        while (first < to && isAsciiWhitespace(bytes[first])) {
            first++;
        }
        if (first == to) {
            return BLANK;
        }
        int valuesBefore = values.size();
        int label = 0;
        int field = 0;
        int pos = from;
        byte delimiter = shape.delimiterByte();
        while (true) {
            int fieldEnd = pos;
            while (fieldEnd < to && bytes[fieldEnd] != delimiter) {
                fieldEnd++;
            }
            if (field == shape.fields()) {
                values.truncate(valuesBefore);
                return SLOW;
            }
            int start = pos;
            int end = fieldEnd;
            while (start < end && (bytes[start] & 0xff) <= ' ') {
                start++;
            }
            while (end > start && (bytes[end - 1] & 0xff) <= ' ') {
                end--;
            }
            if (field == shape.labelAt()) {
                long raw = DecimalInts.parseOrNotPlain(bytes, start, end);
                if (raw == DecimalInts.NOT_PLAIN
                        || (shape.labelMap() != null && shape.labelMap().classOf((int) raw) < 0)) {
                    values.truncate(valuesBefore);
                    return SLOW;
                }
                label = (int) raw;
            } else {
                float v = DecimalFloats.parseOrNaN(bytes, start, end);
                if (v != v) {
                    values.truncate(valuesBefore);
                    return SLOW;
                }
                values.add(v);
            }
            field++;
            if (fieldEnd == to) {
                break;
            }
            pos = fieldEnd + 1;
        }
        if (field != shape.fields()) {
            values.truncate(valuesBefore);
            return SLOW;
        }
        rawLabels.add(label);
        return ROW;
    }

    /** The reading of a line from its text, with the reasons a malformed line gets. */
    private boolean slowLine(String line) {
        if (line.isBlank()) {
            return false;
        }
        String[] parts = shape.delimiterPattern().split(line, -1);
        if (parts.length != shape.fields()) {
            throw new LineError("expected " + shape.fields() + " fields (as on line " + shape.fieldsLine() + "), got "
                    + parts.length);
        }
        int valuesBefore = values.size();
        int raw = 0;
        try {
            for (int c = 0; c < parts.length; c++) {
                String text = parts[c].trim();
                if (c == shape.labelAt()) {
                    raw = parseLabel(text, c);
                } else {
                    values.add(parseValue(text, c));
                }
            }
        } catch (LineError e) {
            values.truncate(valuesBefore);
            throw e;
        }
        rawLabels.add(raw);
        return true;
    }

    private int parseLabel(String text, int column) {
        int raw;
        try {
            raw = LabelMap.parseRawLabel(text);
        } catch (IllegalArgumentException e) {
            throw new LineError("column " + (column + 1) + ": " + e.getMessage());
        }
        LabelMap map = shape.labelMap();
        if (map != null && map.classOf(raw) < 0) {
            throw new LineError("column " + (column + 1) + ": label " + raw + " is out of range: expected "
                    + map.describe());
        }
        return raw;
    }

    private static float parseValue(String text, int column) {
        if (text.isEmpty()) {
            throw new LineError("column " + (column + 1) + " is empty");
        }
        float v;
        try {
            v = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new LineError("column " + (column + 1) + ": value '" + text + "' is not a number");
        }
        if (!Float.isFinite(v)) {
            throw new LineError("column " + (column + 1) + ": value '" + text + "' is not finite");
        }
        return v;
    }

    /** {@link Character#isWhitespace} for the ASCII range, which {@link String#isBlank} uses. */
    private static boolean isAsciiWhitespace(byte c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
    }

    /** What every range needs to know of the file: learnt from its first row. */
    record CsvShape(int fields, int labelAt, long fieldsLine, byte delimiterByte, Pattern delimiterPattern,
                    LabelMap labelMap) {
        int features() {
            return fields - 1;
        }
    }
}
