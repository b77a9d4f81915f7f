package dev.cumulus.data.csv;

import dev.cumulus.data.LabelMap;

/**
 * How to read a numeric CSV file.
 *
 * @param labelColumn zero-based column of the label; negative counts from the end (-1 = last)
 * @param header whether the first non-blank line is a header to skip
 * @param delimiter the field separator (',' for CSV, '\t' for TSV, ';' ...)
 * @param labelMap the label mapping (e.g. the training file's), or null to infer it
 * @param classes the expected number of classes when inferring, or null
 * @param maxRows read at most this many examples, or null for all
 */
public record CsvOptions(int labelColumn, boolean header, char delimiter, LabelMap labelMap, Integer classes,
                         Integer maxRows) {

    public CsvOptions {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r' || delimiter == '.' || delimiter == '-'
                || Character.isDigit(delimiter)) {
            throw new IllegalArgumentException("delimiter '" + delimiter + "' cannot separate numbers");
        }
        if (classes != null && classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, got " + classes);
        }
        if (maxRows != null && maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
        }
        if (labelMap != null && classes != null && labelMap.numClasses() != classes) {
            throw new IllegalArgumentException("label map has " + labelMap.numClasses() + " classes but classes = " + classes);
        }
    }

    /** Label in the first column, no header, comma-separated, labels inferred, every row. */
    public static CsvOptions defaults() {
        return new CsvOptions(0, false, ',', null, null, null);
    }

    public CsvOptions withLabelColumn(int column) {
        return new CsvOptions(column, header, delimiter, labelMap, classes, maxRows);
    }

    public CsvOptions withHeader(boolean h) {
        return new CsvOptions(labelColumn, h, delimiter, labelMap, classes, maxRows);
    }

    public CsvOptions withDelimiter(char d) {
        return new CsvOptions(labelColumn, header, d, labelMap, classes, maxRows);
    }

    public CsvOptions withLabelMap(LabelMap m) {
        return new CsvOptions(labelColumn, header, delimiter, m, classes, maxRows);
    }

    public CsvOptions withClasses(Integer k) {
        return new CsvOptions(labelColumn, header, delimiter, labelMap, k, maxRows);
    }

    public CsvOptions withMaxRows(Integer n) {
        return new CsvOptions(labelColumn, header, delimiter, labelMap, classes, n);
    }
}
