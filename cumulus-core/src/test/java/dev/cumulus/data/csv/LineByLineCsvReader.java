package dev.cumulus.data.csv;

import dev.cumulus.data.DataFiles;
import dev.cumulus.data.DataFormatException;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.GrowableArrays;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.LabelledData;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.zip.ZipException;

/**
 * The line-by-line reader of this package before parallel parsing, kept as the oracle the
 * parallel reader must match (same rows, same errors, same line numbers).
 *
 * <p>Its original description: reads a numeric CSV file (one example per line, one integer label column, every other column a
 * feature) into a dense {@link Dataset}; gzip detected by magic bytes.
 *
 * <p>Fields are trimmed; quoting is not supported (every field must be a number). Blank lines are
 * skipped. Every data line must have as many fields as the first. Any malformed line fails the
 * whole read with a {@link DataFormatException} naming the file, line, column and reason.
 */
final class LineByLineCsvReader {

    private LineByLineCsvReader() {
    }

    /** Reads a file with {@link CsvOptions#defaults()}. */
    public static Dataset read(Path file) {
        return readLabelled(file, CsvOptions.defaults()).dataset();
    }

    public static Dataset read(Path file, CsvOptions options) {
        return readLabelled(file, options).dataset();
    }

    /** Reads a file and returns the label map it used, to read a matching test file with. */
    public static LabelledData readLabelled(Path file, CsvOptions options) {
        try (InputStream in = DataFiles.open(file)) {
            return readLabelled(in, file.toString(), options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads CSV from a stream; {@code source} names it in errors. The stream is not closed. */
    public static LabelledData readLabelled(InputStream in, String source, CsvOptions options) {
        GrowableArrays.Ints rawLabels = new GrowableArrays.Ints(1024);
        GrowableArrays.Floats values = new GrowableArrays.Floats(1 << 14);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        Pattern delimiter = Pattern.compile(Pattern.quote(String.valueOf(options.delimiter())));
        long lineNo = 0;
        int fields = -1;
        long fieldsLine = 0;
        int labelAt = -1;
        boolean headerPending = options.header();
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // a UTF-8 byte-order mark, as spreadsheet exports write
                }
                if (line.isBlank()) {
                    continue;
                }
                if (headerPending) {
                    headerPending = false;
                    continue;
                }
                String[] parts = delimiter.split(line, -1);
                if (fields < 0) {
                    fields = parts.length;
                    fieldsLine = lineNo;
                    if (fields < 2) {
                        throw DataFormatException.atLine(source, lineNo, "expected a label and at least one feature "
                                + "separated by '" + options.delimiter() + "', got " + fields + " field");
                    }
                    labelAt = options.labelColumn() >= 0 ? options.labelColumn() : fields + options.labelColumn();
                    if (labelAt < 0 || labelAt >= fields) {
                        throw DataFormatException.atLine(source, lineNo, "label column " + options.labelColumn()
                                + " does not exist in a line of " + fields + " fields");
                    }
                } else if (parts.length != fields) {
                    throw DataFormatException.atLine(source, lineNo, "expected " + fields + " fields (as on line "
                            + fieldsLine + "), got " + parts.length);
                }
                for (int c = 0; c < fields; c++) {
                    String text = parts[c].trim();
                    if (c == labelAt) {
                        int raw;
                        try {
                            raw = LabelMap.parseRawLabel(text);
                        } catch (IllegalArgumentException e) {
                            throw DataFormatException.atLine(source, lineNo, "column " + (c + 1) + ": " + e.getMessage());
                        }
                        if (options.labelMap() != null && options.labelMap().classOf(raw) < 0) {
                            throw DataFormatException.atLine(source, lineNo, "column " + (c + 1) + ": label " + raw
                                    + " is out of range: expected " + options.labelMap().describe());
                        }
                        rawLabels.add(raw);
                    } else {
                        values.add(parseValue(text, source, lineNo, c));
                    }
                }
                if (options.maxRows() != null && rawLabels.size() == options.maxRows()) {
                    break;
                }
            }
        } catch (EOFException | ZipException e) {
            throw DataFormatException.atLine(source, lineNo + 1, "file is truncated or corrupt: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
        int rows = rawLabels.size();
        if (rows == 0) {
            throw DataFormatException.ofSource(source, "no examples (the file is empty or holds only a header)");
        }
        LabelMap map = options.labelMap();
        if (map == null) {
            try {
                map = LabelMap.infer(rawLabels.toArray(), options.classes());
            } catch (IllegalArgumentException e) {
                throw DataFormatException.ofSource(source, e.getMessage());
            }
        }
        DenseFeatures features = new DenseFeatures(rows, fields - 1, values.toArray());
        return new LabelledData(new Dataset(features, map.apply(rawLabels.toArray()), map.numClasses()), map);
    }

    private static float parseValue(String text, String source, long lineNo, int column) {
        if (text.isEmpty()) {
            throw DataFormatException.atLine(source, lineNo, "column " + (column + 1) + " is empty");
        }
        float v;
        try {
            v = Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw DataFormatException.atLine(source, lineNo, "column " + (column + 1) + ": value '" + text
                    + "' is not a number");
        }
        if (!Float.isFinite(v)) {
            throw DataFormatException.atLine(source, lineNo, "column " + (column + 1) + ": value '" + text
                    + "' is not finite");
        }
        return v;
    }
}
