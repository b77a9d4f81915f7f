package dev.cumulus.data.libsvm;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.Features;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.SparseFeatures;
import dev.cumulus.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a {@link Dataset} as LIBSVM text (one-based indices, zeros omitted, labels written back
 * through a {@link LabelMap}), for exchanging data with other systems. Float values are written
 * in Java's shortest round-trip form, so {@link LibsvmReader} reads back the same bits.
 */
public final class LibsvmWriter {

    private LibsvmWriter() {
    }

    /** Writes {@code data} to {@code file} via a temporary file and a rename. */
    public static void write(Dataset data, LabelMap labels, Path file) {
        if (labels.numClasses() < data.numClasses()) {
            throw new IllegalArgumentException("label map has " + labels.numClasses() + " classes but the data has "
                    + data.numClasses());
        }
        try {
            AtomicFiles.write(file, stream -> {
                Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                write(data, labels, out);
                out.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code data} as LIBSVM lines to {@code out} (not closed). */
    public static void write(Dataset data, LabelMap labels, Writer out) throws IOException {
        Features f = data.features();
        StringBuilder line = new StringBuilder(256);
        for (int r = 0; r < data.rows(); r++) {
            line.setLength(0);
            line.append(labels.rawOf(data.labels()[r]));
            if (f instanceof SparseFeatures s) {
                for (int p = s.rowStart()[r]; p < s.rowStart()[r + 1]; p++) {
                    append(line, s.indices()[p], s.values()[p]);
                }
            } else {
                for (int c = 0; c < f.cols(); c++) {
                    append(line, c, f.get(r, c));
                }
            }
            line.append('\n');
            out.append(line);
        }
    }

    private static void append(StringBuilder line, int column, float value) {
        if (value != 0f || Float.floatToRawIntBits(value) != 0) {
            line.append(' ').append(column + 1).append(':').append(value);
        }
    }
}
