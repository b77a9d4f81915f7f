package dev.cumulus.data.libsvm;

import dev.cumulus.data.DataFiles;
import dev.cumulus.data.DataFormatException;
import dev.cumulus.data.DataShapes;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.Features;
import dev.cumulus.data.GrowableArrays;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.LabelledData;
import dev.cumulus.data.SparseFeatures;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * The line-by-line reader of this package before parallel parsing, kept as the oracle the
 * parallel reader must match (same rows, same errors, same line numbers).
 *
 * <p>Its original description: reads LIBSVM / SVMlight text files ({@code label index:value index:value ...}, one example per
 * line, one-based strictly increasing indices; gzip detected by magic bytes).
 *
 * <p>Blank lines and {@code #} comments are skipped. Labels must be integers (written as
 * {@code 1}, {@code +1}, {@code -1} or {@code 2.0}) and are mapped to class indices by a
 * {@link LabelMap}. {@code qid:} tokens (ranking data) are rejected. Any malformed line fails the
 * whole read with a {@link DataFormatException} naming the file, line and reason.
 */
final class LineByLineLibsvmReader {

    private LineByLineLibsvmReader() {
    }

    /** Reads a file with {@link LibsvmOptions#defaults()}. */
    public static Dataset read(Path file) {
        return readLabelled(file, LibsvmOptions.defaults()).dataset();
    }

    public static Dataset read(Path file, LibsvmOptions options) {
        return readLabelled(file, options).dataset();
    }

    /** Reads a file and returns the label map it used, to read a matching test file with. */
    public static LabelledData readLabelled(Path file, LibsvmOptions options) {
        try (InputStream in = DataFiles.open(file)) {
            return readLabelled(in, file.toString(), options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads LIBSVM text from a stream; {@code source} names it in errors. The stream is not closed. */
    public static LabelledData readLabelled(InputStream in, String source, LibsvmOptions options) {
        return new Parse(source, options).run(in);
    }

    /** One pass over one input: the collected CSR arrays and the current position. */
    private static final class Parse {
        private final String source;
        private final LibsvmOptions options;
        private final GrowableArrays.Ints rawLabels = new GrowableArrays.Ints(1024);
        private final GrowableArrays.Ints rowStart = new GrowableArrays.Ints(1024);
        private final GrowableArrays.Ints indices = new GrowableArrays.Ints(1 << 14);
        private final GrowableArrays.Floats values = new GrowableArrays.Floats(1 << 14);
        private long lineNo;
        private int maxIndex;

        Parse(String source, LibsvmOptions options) {
            this.source = source;
            this.options = options;
            rowStart.add(0);
        }

        LabelledData run(InputStream in) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    lineNo++;
                    parseLine(line);
                    if (options.maxRows() != null && rawLabels.size() == options.maxRows()) {
                        break;
                    }
                }
            } catch (EOFException | ZipException e) {
                throw DataFormatException.atLine(source, lineNo + 1, "file is truncated or corrupt: " + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
            }
            return finish();
        }

        private void parseLine(String line) {
            int end = line.indexOf('#');
            if (end < 0) {
                end = line.length();
            }
            int pos = skipBlanks(line, 0, end);
            if (pos == end) {
                return;
            }
            int tokenEnd = tokenEnd(line, pos, end);
            int raw = parseLabel(line.substring(pos, tokenEnd));
            if (options.labelMap() != null && options.labelMap().classOf(raw) < 0) {
                throw fail("label " + raw + " is out of range: expected " + options.labelMap().describe());
            }
            int previous = 0;
            pos = skipBlanks(line, tokenEnd, end);
            while (pos < end) {
                tokenEnd = tokenEnd(line, pos, end);
                previous = parsePair(line, pos, tokenEnd, previous);
                pos = skipBlanks(line, tokenEnd, end);
            }
            rawLabels.add(raw);
            rowStart.add(indices.size());
        }

        private int parseLabel(String token) {
            try {
                return LabelMap.parseRawLabel(token);
            } catch (IllegalArgumentException e) {
                throw fail(e.getMessage());
            }
        }

        /** Parses the "index:value" at line[from, to), stores it, returns the index. */
        private int parsePair(String line, int from, int to, int previous) {
            int colon = line.indexOf(':', from);
            if (colon < 0 || colon >= to) {
                throw fail("expected index:value, got '" + line.substring(from, to) + "'");
            }
            int index = parseIndex(line, from, colon, to);
            if (index < 1) {
                throw fail("index " + index + " in '" + line.substring(from, to)
                        + "' is invalid: indices are one-based (at least 1)");
            }
            if (index <= previous) {
                throw fail("index " + index + " in '" + line.substring(from, to) + "' does not increase (previous index "
                        + previous + ")");
            }
            if (options.features() != null && index > options.features()) {
                throw fail("index " + index + " in '" + line.substring(from, to)
                        + "' is beyond the declared feature count " + options.features());
            }
            String valueText = line.substring(colon + 1, to);
            float value;
            try {
                value = Float.parseFloat(valueText);
            } catch (NumberFormatException e) {
                throw fail("value '" + valueText + "' of index " + index + " is not a number");
            }
            if (!Float.isFinite(value)) {
                throw fail("value '" + valueText + "' of index " + index + " is not finite");
            }
            indices.add(index - 1);
            values.add(value);
            maxIndex = Math.max(maxIndex, index);
            return index;
        }

        /**
         * Parses the decimal index in line[from, colon) without allocating; signs and errors take
         * the slow path. {@code to} ends the whole token, for the error message.
         */
        private int parseIndex(String line, int from, int colon, int to) {
            long v = 0;
            boolean plainDigits = colon > from && colon - from <= 10;
            for (int i = from; i < colon && plainDigits; i++) {
                char c = line.charAt(i);
                plainDigits = c >= '0' && c <= '9';
                v = v * 10 + (c - '0');
            }
            if (plainDigits && v <= Integer.MAX_VALUE) {
                return (int) v;
            }
            String text = line.substring(from, colon);
            if (text.equals("qid")) {
                throw fail("'qid:' (ranking data) is not supported");
            }
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw fail("index '" + text + "' in '" + line.substring(from, to) + "' is not an integer");
            }
        }

        private LabelledData finish() {
            int rows = rawLabels.size();
            if (rows == 0) {
                throw DataFormatException.ofSource(source, "no examples (the file is empty or holds only comments)");
            }
            LabelMap map = options.labelMap();
            if (map == null) {
                try {
                    map = LabelMap.infer(rawLabels.toArray(), options.classes());
                } catch (IllegalArgumentException e) {
                    throw DataFormatException.ofSource(source, e.getMessage());
                }
            }
            int[] labels = map.apply(rawLabels.toArray());
            int cols = options.features() != null ? options.features() : maxIndex;
            int[] start = rowStart.toArray();
            int[] idx = indices.toArray();
            float[] val = values.toArray();
            Features features;
            if (options.layout().sparseFor(rows, cols, idx.length)) {
                features = new SparseFeatures(rows, cols, start, idx, val);
            } else {
                try {
                    features = DataShapes.densify(rows, cols, start, idx, val);
                } catch (IllegalArgumentException e) {
                    throw DataFormatException.ofSource(source, e.getMessage());
                }
            }
            return new LabelledData(new Dataset(features, labels, map.numClasses()), map);
        }

        private DataFormatException fail(String reason) {
            return DataFormatException.atLine(source, lineNo, reason);
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

        private static boolean isBlank(char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\f';
        }
    }
}
