package dev.cumulus.data.csv;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.Features;
import dev.cumulus.data.LabelMap;
import dev.cumulus.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a {@link Dataset} as numeric CSV: the label first (written back through a
 * {@link LabelMap}), then every feature, comma-separated, no header. Floats are written in Java's
 * shortest round-trip form, so {@link CsvReader} with {@link CsvOptions#defaults()} reads back the
 * same bits.
 */
public final class CsvWriter {
    private static final int BUFFER_CHARS = 1 << 16;

    private CsvWriter() {
    }

    /** Writes {@code data} to {@code file} via a temporary file and a rename. */
    public static void write(Dataset data, LabelMap labels, Path file) {
        if (labels.numClasses() < data.numClasses()) {
            throw new IllegalArgumentException("label map has " + labels.numClasses() + " classes but the data has "
                    + data.numClasses());
        }
        try {
            AtomicFiles.write(file, stream -> {
                Writer out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), BUFFER_CHARS);
                write(data, labels, out);
                out.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code data} as CSV lines to {@code out} (not closed). */
    public static void write(Dataset data, LabelMap labels, Writer out) throws IOException {
        Features f = data.features();
        StringBuilder line = new StringBuilder(32 * (f.cols() + 1));
        for (int r = 0; r < data.rows(); r++) {
            line.setLength(0);
            line.append(labels.rawOf(data.labels()[r]));
            for (int c = 0; c < f.cols(); c++) {
                line.append(',').append(f.get(r, c));
            }
            line.append('\n');
            out.append(line);
        }
    }
}
