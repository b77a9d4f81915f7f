package dev.cumulus.data.csv;

import dev.cumulus.data.DataFormatException;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.LabelledData;
import dev.cumulus.data.text.LineCursor;
import dev.cumulus.data.text.ParallelLines;
import dev.cumulus.data.text.Parallelism;
import dev.cumulus.data.text.TextBytes;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a numeric CSV file (one example per line, one integer label column, every other column a
 * feature) into a dense {@link Dataset}; gzip detected by magic bytes.
 *
 * <p>Fields are trimmed; quoting is not supported (every field must be a number). Blank lines are
 * skipped. Every data line must have as many fields as the first. Any malformed line fails the
 * whole read with a {@link DataFormatException} naming the file, line, column and reason.
 *
 * <p>The file is parsed in byte ranges of whole lines on every core ({@link ParallelLines}); the
 * result and the errors are those of reading it line by line.
 */
public final class CsvReader {
    /** U+FEFF in UTF-8, as spreadsheet exports write it before the first line. */
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvReader() {
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
        return readLabelled(file, options, Parallelism.defaults());
    }

    /** Reads a file with the given parallelism (tests and tools that tune the ranges). */
    public static LabelledData readLabelled(Path file, CsvOptions options, Parallelism parallelism) {
        try (TextBytes bytes = TextBytes.open(file)) {
            return read(bytes, file.toString(), options, parallelism);
        }
    }

    /** Reads CSV from a stream; {@code source} names it in errors. The stream is not closed. */
    public static LabelledData readLabelled(InputStream in, String source, CsvOptions options) {
        try (TextBytes bytes = TextBytes.of(in, source)) {
            return read(bytes, source, options, Parallelism.defaults());
        }
    }

    private static LabelledData read(TextBytes bytes, String source, CsvOptions options, Parallelism parallelism) {
        LineCursor cursor = new LineCursor(bytes, startsWithByteOrderMark(bytes) ? BYTE_ORDER_MARK.length : 0);
        CsvRows.CsvShape shape = firstRowShape(cursor, source, options);
        List<CsvRows> ranges = ParallelLines.parse(bytes, cursor.lineStart(), cursor.lineNumber() - 1,
                length -> new CsvRows(shape, length), options.maxRows(), source, parallelism);
        return assemble(ranges, shape, source, options);
    }

    /** Skips blank lines and the header, and learns the field count and label column from the first row. */
    private static CsvRows.CsvShape firstRowShape(LineCursor cursor, String source, CsvOptions options) {
        boolean headerPending = options.header();
        String line;
        while ((line = cursor.next()) != null) {
            if (line.isBlank()) {
                continue;
            }
            if (headerPending) {
                headerPending = false;
                continue;
            }
            break;
        }
        if (line == null) {
            throw DataFormatException.ofSource(source, "no examples (the file is empty or holds only a header)");
        }
        Pattern delimiter = Pattern.compile(Pattern.quote(String.valueOf(options.delimiter())));
        int fields = delimiter.split(line, -1).length;
        long lineNo = cursor.lineNumber();
        if (fields < 2) {
            throw DataFormatException.atLine(source, lineNo, "expected a label and at least one feature "
                    + "separated by '" + options.delimiter() + "', got " + fields + " field");
        }
        int labelAt = options.labelColumn() >= 0 ? options.labelColumn() : fields + options.labelColumn();
        if (labelAt < 0 || labelAt >= fields) {
            throw DataFormatException.atLine(source, lineNo, "label column " + options.labelColumn()
                    + " does not exist in a line of " + fields + " fields");
        }
        byte delimiterByte = options.delimiter() < 0x80 ? (byte) options.delimiter() : -1;
        return new CsvRows.CsvShape(fields, labelAt, lineNo, delimiterByte, delimiter, options.labelMap());
    }

    private static LabelledData assemble(List<CsvRows> ranges, CsvRows.CsvShape shape, String source,
            CsvOptions options) {
        long rowCount = 0;
        for (CsvRows r : ranges) {
            rowCount += r.rows();
        }
        long cells = rowCount * shape.features();
        if (cells > Integer.MAX_VALUE - 16) {
            throw DataFormatException.ofSource(source, rowCount + " rows x " + shape.features()
                    + " features are too many values for one dense matrix (at most 2^31)");
        }
        int rows = (int) rowCount;
        int[] rawLabels = new int[rows];
        float[] values = new float[(int) cells];
        int labelsAt = 0;
        int valuesAt = 0;
        for (CsvRows r : ranges) {
            r.rawLabels().copyInto(rawLabels, labelsAt);
            r.values().copyInto(values, valuesAt);
            labelsAt += r.rawLabels().size();
            valuesAt += r.values().size();
        }
        LabelMap map = options.labelMap();
        if (map == null) {
            try {
                map = LabelMap.infer(rawLabels, options.classes());
            } catch (IllegalArgumentException e) {
                throw DataFormatException.ofSource(source, e.getMessage());
            }
        }
        DenseFeatures features = new DenseFeatures(rows, shape.features(), values);
        return new LabelledData(new Dataset(features, map.apply(rawLabels), map.numClasses()), map);
    }

    private static boolean startsWithByteOrderMark(TextBytes bytes) {
        return bytes.startsWith(BYTE_ORDER_MARK);
    }
}
