package dev.cumulus.data.text;

import dev.cumulus.data.DataFiles;
import dev.cumulus.data.DataFormatException;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.ZipException;

/**
 * The bytes of a text data file, readable at any position from any thread: a plain file through
 * positional block reads of its channel, or bytes held in memory (a decompressed gzip file, a
 * stream). The owner closes it.
 */
public final class TextBytes implements AutoCloseable {
    private static final int COPY_BYTES = 1 << 20;
    private static final long MAX_IN_MEMORY_BYTES = Integer.MAX_VALUE - 16;

    private final FileChannel channel;
    private final byte[] memory;
    private final long size;

    private TextBytes(FileChannel channel, byte[] memory, long size) {
        this.channel = channel;
        this.memory = memory;
        this.size = size;
    }

    /**
     * Opens a data file. A gzip file (by its magic bytes) is decompressed into memory; a truncated
     * or corrupt one fails with a {@link DataFormatException} naming the line after the last
     * complete one.
     *
     * @throws dev.cumulus.data.MissingDataException if the file is not there
     */
    public static TextBytes open(Path file) {
        DataFiles.requireFile(file);
        try {
            if (isGzip(file)) {
                try (InputStream in = DataFiles.open(file)) {
                    return of(in, file.toString());
                }
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                return new TextBytes(channel, null, channel.size());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a whole stream into memory (not closed); {@code source} names it in errors. */
    public static TextBytes of(InputStream in, String source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(COPY_BYTES);
        byte[] buffer = new byte[COPY_BYTES];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_IN_MEMORY_BYTES - COPY_BYTES) {
                    throw DataFormatException.ofSource(source, "more than 2 GiB of text after decompression; "
                            + "decompress the file first so it can be read in parallel from disk");
                }
            }
        } catch (EOFException | ZipException e) {
            byte[] partial = out.toByteArray();
            throw DataFormatException.atLine(source, completeLines(partial) + 1,
                    "file is truncated or corrupt: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
        return of(out.toByteArray());
    }

    /** Wraps bytes in memory (not copied). */
    public static TextBytes of(byte[] bytes) {
        return new TextBytes(null, bytes, bytes.length);
    }

    public long size() {
        return size;
    }

    /** Whether the bytes begin with {@code prefix}. */
    public boolean startsWith(byte[] prefix) {
        if (size < prefix.length) {
            return false;
        }
        byte[] head = new byte[prefix.length];
        read(0, head, head.length);
        return java.util.Arrays.equals(head, prefix);
    }

    /** The backing array when the bytes are in memory, else null. */
    byte[] memory() {
        return memory;
    }

    /** Copies {@code length} bytes from {@code position} into {@code target[0, length)}. */
    void read(long position, byte[] target, int length) {
        if (memory != null) {
            System.arraycopy(memory, (int) position, target, 0, length);
            return;
        }
        ByteBuffer buffer = ByteBuffer.wrap(target, 0, length);
        try {
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position + buffer.position());
                if (n < 0) {
                    throw new UncheckedIOException(new EOFException("file shrank while being read: expected "
                            + size + " bytes"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read at byte " + position + ": " + e.getMessage(), e);
        }
    }

    /** Bytes [from, to) as an array: the backing array's copy, or a fresh read. */
    byte[] copy(long from, long to) {
        byte[] out = new byte[Math.toIntExact(to - from)];
        read(from, out, out.length);
        return out;
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(2);
            while (head.hasRemaining() && c.read(head) >= 0) {
                // read until two bytes or the end
            }
            return head.position() == 2 && (head.get(0) & 0xff) == 0x1f && (head.get(1) & 0xff) == 0x8b;
        }
    }

    private static long completeLines(byte[] bytes) {
        return Lines.count(bytes, 0, bytes.length, false);
    }

    @Override
    public String toString() {
        return "TextBytes[" + size + " bytes" + (memory != null ? ", in memory" : "") + "]";
    }
}
