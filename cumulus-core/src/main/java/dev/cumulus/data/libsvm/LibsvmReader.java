package dev.cumulus.data.libsvm;

import dev.cumulus.data.DataFormatException;
import dev.cumulus.data.DataShapes;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.Features;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.LabelledData;
import dev.cumulus.data.SparseFeatures;
import dev.cumulus.data.text.ParallelLines;
import dev.cumulus.data.text.Parallelism;
import dev.cumulus.data.text.TextBytes;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads LIBSVM / SVMlight text files ({@code label index:value index:value ...}, one example per
 * line, one-based strictly increasing indices; gzip detected by magic bytes).
 *
 * <p>Blank lines and {@code #} comments are skipped. Labels must be integers (written as
 * {@code 1}, {@code +1}, {@code -1} or {@code 2.0}) and are mapped to class indices by a
 * {@link LabelMap}. {@code qid:} tokens (ranking data) are rejected. Any malformed line fails the
 * whole read with a {@link DataFormatException} naming the file, line and reason.
 *
 * <p>The file is parsed in byte ranges of whole lines on every core ({@link ParallelLines}); the
 * result and the errors are those of reading it line by line.
 */
public final class LibsvmReader {

    private LibsvmReader() {
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
        return readLabelled(file, options, Parallelism.defaults());
    }

    /** Reads a file with the given parallelism (tests and tools that tune the ranges). */
    public static LabelledData readLabelled(Path file, LibsvmOptions options, Parallelism parallelism) {
        try (TextBytes bytes = TextBytes.open(file)) {
            return read(bytes, file.toString(), options, parallelism);
        }
    }

    /** Reads LIBSVM text from a stream; {@code source} names it in errors. The stream is not closed. */
    public static LabelledData readLabelled(InputStream in, String source, LibsvmOptions options) {
        try (TextBytes bytes = TextBytes.of(in, source)) {
            return read(bytes, source, options, Parallelism.defaults());
        }
    }

    private static LabelledData read(TextBytes bytes, String source, LibsvmOptions options, Parallelism parallelism) {
        List<LibsvmRows> ranges = ParallelLines.parse(bytes, 0, 0, length -> new LibsvmRows(options, length), options.maxRows(),
                source, parallelism);
        return assemble(ranges, source, options);
    }

    private static LabelledData assemble(List<LibsvmRows> ranges, String source, LibsvmOptions options) {
        long rowCount = 0;
        long nonZeros = 0;
        int maxIndex = 0;
        for (LibsvmRows r : ranges) {
            rowCount += r.rows();
            nonZeros += r.values().size();
            maxIndex = Math.max(maxIndex, r.maxIndex());
        }
        if (rowCount == 0) {
            throw DataFormatException.ofSource(source, "no examples (the file is empty or holds only comments)");
        }
        if (rowCount > Integer.MAX_VALUE - 16 || nonZeros > Integer.MAX_VALUE - 16) {
            throw DataFormatException.ofSource(source, rowCount + " rows with " + nonZeros
                    + " values are too many for one dataset (at most 2^31 of each)");
        }
        int rows = (int) rowCount;
        int[] rawLabels = new int[rows];
        int[] start = new int[rows + 1];
        int[] idx = new int[(int) nonZeros];
        float[] val = new float[(int) nonZeros];
        int row = 0;
        int at = 0;
        for (LibsvmRows r : ranges) {
            r.rawLabels().copyInto(rawLabels, row);
            for (int i = 1; i <= r.rows(); i++) {
                start[row + i] = at + r.rowStart().get(i);
            }
            r.indices().copyInto(idx, at);
            r.values().copyInto(val, at);
            row += r.rows();
            at += r.values().size();
        }
        LabelMap map = options.labelMap();
        if (map == null) {
            try {
                map = LabelMap.infer(rawLabels, options.classes());
            } catch (IllegalArgumentException e) {
                throw DataFormatException.ofSource(source, e.getMessage());
            }
        }
        int[] labels = map.apply(rawLabels);
        int cols = options.features() != null ? options.features() : maxIndex;
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
}
