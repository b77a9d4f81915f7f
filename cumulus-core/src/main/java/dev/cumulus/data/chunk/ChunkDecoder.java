package dev.cumulus.data.chunk;

import dev.cumulus.data.DataFormatException;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.Features;
import dev.cumulus.data.SparseFeatures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Decodes and checks one chunk (see {@link ChunkCodec} for the layout). */
final class ChunkDecoder {
    private final byte[] bytes;
    private final String source;
    private final ByteBuffer in;

    ChunkDecoder(byte[] bytes, String source) {
        this.bytes = bytes;
        this.source = source;
        this.in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    Dataset decode() {
        if (bytes.length < ChunkCodec.HEADER_BYTES + ChunkCodec.TRAILER_BYTES) {
            throw fail(bytes.length, "truncated: " + bytes.length + " bytes, a chunk needs at least "
                    + (ChunkCodec.HEADER_BYTES + ChunkCodec.TRAILER_BYTES));
        }
        int magic = in.getInt(0);
        if (magic != ChunkCodec.MAGIC) {
            throw fail(0, String.format("not a chunk: magic 0x%08X, expected 0x%08X", magic, ChunkCodec.MAGIC));
        }
        short version = in.getShort(4);
        if (version != ChunkCodec.VERSION) {
            throw fail(4, "unsupported chunk version " + version + " (this build reads " + ChunkCodec.VERSION + ")");
        }
        short flags = in.getShort(6);
        if ((flags & ~1) != 0) {
            throw fail(6, String.format("unknown flags 0x%04X", flags));
        }
        boolean sparse = ChunkCodec.isSparse(flags);
        int rows = in.getInt(8);
        int cols = in.getInt(12);
        int classes = in.getInt(16);
        long nnz = in.getLong(24);
        requireAtLeast(8, "rows", rows, 0);
        requireAtLeast(12, "cols", cols, 0);
        requireAtLeast(16, "numClasses", classes, 1);
        if (in.getInt(20) != 0) {
            throw fail(20, "reserved field is " + in.getInt(20) + ", expected 0");
        }
        if (nnz < 0 || (!sparse && nnz != (long) rows * cols) || (sparse && nnz > (long) rows * cols)) {
            throw fail(24, "nnz " + nnz + " does not fit a " + (sparse ? "sparse" : "dense") + " " + rows + " x "
                    + cols + " matrix");
        }
        long expected = ChunkCodec.encodedBytes(rows, cols, sparse, nnz);
        if (bytes.length < expected) {
            throw fail(bytes.length, "truncated: the header declares " + expected + " bytes, got " + bytes.length);
        }
        if (bytes.length > expected) {
            throw fail(expected, (bytes.length - expected) + " unexpected bytes after the declared " + expected);
        }
        int trailerAt = bytes.length - ChunkCodec.TRAILER_BYTES;
        int stored = in.getInt(trailerAt);
        int computed = ChunkCodec.crc(bytes, trailerAt);
        if (stored != computed) {
            throw fail(trailerAt, String.format("checksum mismatch (stored 0x%08X, computed 0x%08X): the chunk is corrupt",
                    stored, computed));
        }
        int at = ChunkCodec.HEADER_BYTES;
        int[] labels = ints(at, rows);
        checkLabels(at, labels, classes);
        at += 4 * rows;
        Features features;
        if (sparse) {
            int[] rowStart = ints(at, rows + 1);
            int indicesAt = at + 4 * (rows + 1);
            int[] indices = ints(indicesAt, (int) nnz);
            float[] values = floats(indicesAt + 4 * (int) nnz, (int) nnz);
            checkCsr(at, indicesAt, rows, cols, nnz, rowStart, indices);
            features = new SparseFeatures(rows, cols, rowStart, indices, values);
        } else {
            features = new DenseFeatures(rows, cols, floats(at, (int) nnz));
        }
        return new Dataset(features, labels, classes);
    }

    private int[] ints(int offset, int count) {
        int[] out = new int[count];
        in.position(offset);
        in.asIntBuffer().get(out);
        return out;
    }

    private float[] floats(int offset, int count) {
        float[] out = new float[count];
        in.position(offset);
        in.asFloatBuffer().get(out);
        return out;
    }

    private void checkLabels(int at, int[] labels, int classes) {
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw fail(at + 4L * r, "label " + labels[r] + " of row " + r + " is outside 0.." + (classes - 1));
            }
        }
    }

    private void checkCsr(int rowStartAt, int indicesAt, int rows, int cols, long nnz, int[] rowStart, int[] indices) {
        if (rowStart[0] != 0 || rowStart[rows] != nnz) {
            throw fail(rowStartAt, "row starts must run from 0 to nnz " + nnz + ", got " + rowStart[0] + " to "
                    + rowStart[rows]);
        }
        for (int r = 0; r < rows; r++) {
            if (rowStart[r + 1] < rowStart[r]) {
                throw fail(rowStartAt + 4L * (r + 1), "row start of row " + (r + 1) + " decreases");
            }
            int previous = -1;
            for (int p = rowStart[r]; p < rowStart[r + 1]; p++) {
                if (indices[p] <= previous || indices[p] >= cols) {
                    throw fail(indicesAt + 4L * p, "column index " + indices[p] + " in row " + r
                            + " is out of order or outside 0.." + (cols - 1));
                }
                previous = indices[p];
            }
        }
    }

    private void requireAtLeast(int offset, String field, int value, int min) {
        if (value < min) {
            throw fail(offset, field + " is " + value + ", expected at least " + min);
        }
    }

    private DataFormatException fail(long offset, String reason) {
        return DataFormatException.atByte(source, offset, reason);
    }
}
