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
    private final CsvShape shape;
    private final GrowableArrays.Ints rawLabels = new GrowableArrays.Ints(1024);
    private final GrowableArrays.Floats values;

    /** Sized for a range of {@code rangeBytes}: a value with its delimiter takes at least two bytes, usually many more. */
    CsvRows(CsvShape shape, int rangeBytes) {
        this.shape = shape;
        this.values = new GrowableArrays.Floats(Math.max(shape.features(), rangeBytes / 8));
    }

    GrowableArrays.Ints rawLabels() {
        return rawLabels;
    }

    GrowableArrays.Floats values() {
        return values;
    }

    @Override
    protected int parseFast(byte[] bytes, int from, int limit) {
        byte delimiter = shape.delimiterByte();
        if (delimiter < 0) {
            return -1;
        }
        int features = shape.features();
        // The row's values go straight into the array, after its size, and count only once the
        // whole line is read: a line given up on leaves nothing behind.
        float[] row = values.room(features);
        int at = values.size();
        int lastField = shape.fields() - 1;
        int labelAt = shape.labelAt();
        int label = 0;
        int pos = from;
        for (int field = 0; ; field++) {
            if (field == labelAt) {
                pos = skipPadding(bytes, pos, limit, delimiter);
                long scanned = DecimalInts.scan(bytes, pos, limit);
                if (scanned == DecimalInts.NOT_PLAIN) {
                    break;
                }
                // Checked against the label map, if any, after the range (fastRowsValid).
                label = DecimalInts.value(scanned);
                pos = DecimalInts.end(scanned);
            } else {
                int end = DecimalFloats.scanInto(bytes, pos, limit, row, at);
                if (end < 0) {
                    // A padded field (" 1.5"): the padding is skipped only when the number is not there.
                    pos = skipPadding(bytes, pos, limit, delimiter);
                    end = DecimalFloats.scanInto(bytes, pos, limit, row, at);
                    if (end < 0) {
                        break;
                    }
                }
                at++;
                pos = end;
            }
            // Nearly every field ends at a delimiter: that case first, without the padding loop.
            if (pos < limit && bytes[pos] == delimiter && field != lastField) {
                pos++;
                continue;
            }
            pos = skipPadding(bytes, pos, limit, delimiter);
            if (pos == limit || bytes[pos] == '\n' || bytes[pos] == '\r') {
                if (field != lastField) {
                    break;
                }
                values.extend(features);
                rawLabels.add(label);
                return pos;
            }
            if (bytes[pos] != delimiter || field == lastField) {
                break;
            }
            pos++;
        }
        return -1;
    }

    /** Skips the spaces and tabs around a field (String.trim's other characters take the slow path). */
    private static int skipPadding(byte[] bytes, int pos, int limit, byte delimiter) {
        while (pos < limit && (bytes[pos] == ' ' || bytes[pos] == '\t') && bytes[pos] != delimiter) {
            pos++;
        }
        return pos;
    }

    @Override
    protected boolean fastRowsValid() {
        LabelMap map = shape.labelMap();
        if (map == null) {
            return true;
        }
        for (int i = 0; i < rawLabels.size(); i++) {
            if (map.classOf(rawLabels.get(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected boolean parseLine(byte[] bytes, int from, int to) {
        return slowLine(new String(bytes, from, to - from, StandardCharsets.UTF_8));
    }

    @Override
    protected void keepRows(int keep) {
        rawLabels.truncate(keep);
        values.truncate(keep * shape.features());
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

    /** What every range needs to know of the file: learnt from its first row. */
    record CsvShape(int fields, int labelAt, long fieldsLine, byte delimiterByte, Pattern delimiterPattern,
                    LabelMap labelMap) {
        int features() {
            return fields - 1;
        }
    }
}
