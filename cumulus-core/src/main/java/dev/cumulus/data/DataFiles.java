package dev.cumulus.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens data files for the readers: checks that they exist and transparently decompresses gzip,
 * recognised by its magic bytes (1f 8b) rather than by the file name.
 */
public final class DataFiles {
    private static final int BUFFER_BYTES = 1 << 16;

    private DataFiles() {
    }

    /**
     * Opens {@code path} for reading, decompressing it if it starts with the gzip magic.
     *
     * @throws MissingDataException if the file does not exist or is not a regular file
     * @throws DataFormatException if it starts with the gzip magic but its gzip header is broken
     * @throws UncheckedIOException if it cannot be opened
     */
    public static InputStream open(Path path) {
        requireFile(path);
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES);
            try {
                raw.mark(2);
                int b0 = raw.read();
                int b1 = raw.read();
                raw.reset();
                if (b0 == 0x1f && b1 == 0x8b) {
                    return new BufferedInputStream(new GZIPInputStream(raw, BUFFER_BYTES), BUFFER_BYTES);
                }
                return raw;
            } catch (EOFException | ZipException e) {
                raw.close();
                throw DataFormatException.atByte(path.toString(), 0, "the gzip header is truncated or corrupt: "
                        + e.getMessage(), e);
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open data file " + path.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Throws {@link MissingDataException} naming the path unless it is a regular file. */
    public static void requireFile(Path path) {
        if (Files.isDirectory(path)) {
            throw new MissingDataException(path, path.toAbsolutePath() + " is a directory, expected a data file");
        }
        if (!Files.isRegularFile(path)) {
            throw MissingDataException.noFile(path);
        }
    }
}
