package dev.cumulus.data.idx;

import dev.cumulus.data.DataFiles;
import dev.cumulus.data.DataFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * The contents of one IDX file of unsigned bytes: its dimensions (the first is the item count)
 * and its data. IDX is big-endian: magic {@code 00 00 08 D} (08 = unsigned byte, D = number of
 * dimensions), then D four-byte sizes, then the data.
 */
record IdxArray(String source, int[] dims, byte[] data, int dataOffset) {

    private static final int UNSIGNED_BYTE = 0x08;

    int count() {
        return dims[0];
    }

    /** Bytes per item: the product of every dimension after the first. */
    int itemBytes() {
        int n = 1;
        for (int i = 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return n;
    }

    /**
     * Reads {@code path} (gzip or plain), checking the magic, that the data is exactly as long as
     * the header says, and that the number of dimensions is one of {@code allowedDims}.
     */
    static IdxArray read(Path path, String what, int... allowedDims) {
        String source = path.toString();
        byte[] bytes = readAll(path, source);
        if (bytes.length < 4) {
            throw DataFormatException.atByte(source, bytes.length, "truncated: the 4-byte IDX magic is incomplete");
        }
        int magic = bigEndianInt(bytes, 0);
        int type = bytes[2] & 0xff;
        int ndims = bytes[3] & 0xff;
        if (bytes[0] != 0 || bytes[1] != 0 || type != UNSIGNED_BYTE || Arrays.stream(allowedDims).noneMatch(d -> d == ndims)) {
            throw DataFormatException.atByte(source, 0, String.format(
                    "wrong IDX magic 0x%08X: expected %s for %s (unsigned bytes, %s dimensions)",
                    magic, expectedMagics(allowedDims), what, Arrays.toString(allowedDims)));
        }
        int headerBytes = 4 + 4 * ndims;
        if (bytes.length < headerBytes) {
            throw DataFormatException.atByte(source, bytes.length,
                    "truncated: the header of " + ndims + " dimension sizes needs " + headerBytes + " bytes");
        }
        int[] dims = new int[ndims];
        long total = 1;
        for (int d = 0; d < ndims; d++) {
            dims[d] = bigEndianInt(bytes, 4 + 4 * d);
            if (dims[d] < 0) {
                throw DataFormatException.atByte(source, 4 + 4 * d, "dimension " + d + " has negative size " + dims[d]);
            }
            total *= dims[d];
            if (total > Integer.MAX_VALUE) {
                throw DataFormatException.atByte(source, 4 + 4 * d, "the data would exceed 2 GiB");
            }
        }
        long expectedLength = headerBytes + total;
        if (bytes.length < expectedLength) {
            throw DataFormatException.atByte(source, bytes.length, "truncated: the header promises "
                    + Arrays.toString(dims) + " = " + total + " data bytes but only " + (bytes.length - headerBytes)
                    + " follow");
        }
        if (bytes.length > expectedLength) {
            throw DataFormatException.atByte(source, expectedLength, (bytes.length - expectedLength)
                    + " unexpected bytes after the " + Arrays.toString(dims) + " data the header declares");
        }
        return new IdxArray(source, dims, bytes, headerBytes);
    }

    private static String expectedMagics(int[] allowedDims) {
        StringBuilder sb = new StringBuilder();
        for (int d : allowedDims) {
            if (sb.length() > 0) {
                sb.append(" or ");
            }
            sb.append(String.format("0x%08X", (UNSIGNED_BYTE << 8) | d));
        }
        return sb.toString();
    }

    private static byte[] readAll(Path path, String source) {
        try (InputStream in = DataFiles.open(path)) {
            byte[] buf = new byte[1 << 20];
            int size = 0;
            while (true) {
                if (size == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min((long) buf.length * 2, Integer.MAX_VALUE - 16));
                }
                int n;
                try {
                    n = in.read(buf, size, buf.length - size);
                } catch (EOFException | ZipException e) {
                    throw DataFormatException.atByte(source, size,
                            "compressed stream is truncated or corrupt: " + e.getMessage(), e);
                }
                if (n < 0) {
                    return Arrays.copyOf(buf, size);
                }
                size += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    private static int bigEndianInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}
