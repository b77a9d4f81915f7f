package dev.cumulus.data.binary;

import dev.cumulus.data.DataFiles;
import dev.cumulus.data.DataFormatException;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.Features;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.LabelledData;
import dev.cumulus.data.SparseFeatures;
import dev.cumulus.data.chunk.Hash128;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads a binary dataset file (docs/DATA-FORMAT.md) by memory-mapping it. Before any data is
 * used it checks the magic, the version, that every header field is valid and that the file is
 * exactly as long as the header implies, and the checksum over the whole file; then that labels,
 * sparse indices and values are in range. Anything else is a {@link DataFormatException} naming
 * the file, the byte offset and what was expected.
 */
public final class BinaryDatasetReader {
    /** Mapped at a time: a mapping is limited to 2 GiB, and smaller windows let the OS drop pages early. */
    private static final long WINDOW_BYTES = 1L << 28;

    private final FileChannel channel;
    private final String source;
    private final long size;

    private BinaryDatasetReader(FileChannel channel, String source, long size) {
        this.channel = channel;
        this.source = source;
        this.size = size;
    }

    /** Whether {@code file} starts with the binary dataset magic (false for a shorter file). */
    public static boolean hasMagic(Path file) {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(BinaryLayout.MAGIC.length);
            while (head.hasRemaining() && c.read(head) >= 0) {
                // until the magic's length or the end
            }
            return !head.hasRemaining() && Arrays.equals(head.array(), BinaryLayout.MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads only the header, after checking it and the file's length (not the checksum). */
    public static BinaryHeader readHeader(Path file) {
        return open(file, BinaryDatasetReader::header);
    }

    /** Reads the whole dataset and its label map. */
    public static LabelledData read(Path file) {
        return read(file, null);
    }

    /**
     * Reads the dataset and its label map, keeping only the first {@code maxRows} rows when given
     * (the whole file is still verified).
     */
    public static LabelledData read(Path file, Integer maxRows) {
        LabelledData all = open(file, BinaryDatasetReader::data);
        if (maxRows == null || maxRows >= all.dataset().rows()) {
            return all;
        }
        return new LabelledData(all.dataset().slice(0, maxRows), all.labelMap());
    }

    private interface Body<T> {
        T apply(BinaryDatasetReader reader) throws IOException;
    }

    private static <T> T open(Path file, Body<T> body) {
        DataFiles.requireFile(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return body.apply(new BinaryDatasetReader(channel, file.toString(), channel.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private BinaryHeader header() throws IOException {
        ByteBuffer h = ByteBuffer.allocate(BinaryLayout.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        while (h.hasRemaining() && channel.read(h, h.position()) >= 0) {
            // until the header's length or the end
        }
        int magicBytes = Math.min(h.position(), BinaryLayout.MAGIC.length);
        if (!Arrays.equals(h.array(), 0, magicBytes, BinaryLayout.MAGIC, 0, magicBytes)) {
            throw fail(0, "not a Cumulus binary dataset: expected the magic bytes \"CUMULUSD\"");
        }
        if (h.position() < BinaryLayout.HEADER_BYTES) {
            throw fail(size, "truncated: " + size + " bytes, shorter than the " + BinaryLayout.HEADER_BYTES
                    + "-byte header");
        }
        int version = h.getInt(BinaryLayout.VERSION_AT);
        if (version != BinaryLayout.VERSION) {
            throw fail(BinaryLayout.VERSION_AT, "format version " + version + " is not supported: expected "
                    + BinaryLayout.VERSION);
        }
        int layout = h.getInt(BinaryLayout.LAYOUT_AT);
        if (layout != BinaryLayout.DENSE && layout != BinaryLayout.SPARSE) {
            throw fail(BinaryLayout.LAYOUT_AT, "layout " + layout + " is invalid: expected 0 (dense) or 1 (sparse)");
        }
        boolean sparse = layout == BinaryLayout.SPARSE;
        long rows = within(h, BinaryLayout.ROWS_AT, "rows", 1, BinaryLayout.MAX_ARRAY - 1);
        long cols = within(h, BinaryLayout.COLS_AT, "cols", 0, Integer.MAX_VALUE);
        long nonZeros = within(h, BinaryLayout.NON_ZEROS_AT, "non-zeros", 0, BinaryLayout.MAX_ARRAY);
        if (!sparse && (rows * cols > BinaryLayout.MAX_ARRAY || nonZeros != rows * cols)) {
            throw fail(BinaryLayout.NON_ZEROS_AT, "dense data of " + rows + " x " + cols + " must store exactly "
                    + rows * cols + " values (at most 2^31), header says " + nonZeros);
        }
        long entries = h.getInt(BinaryLayout.LABEL_ENTRIES_AT);
        if (entries < 0) {
            throw fail(BinaryLayout.LABEL_ENTRIES_AT, "label entries " + entries + " is invalid: expected at least 0");
        }
        if (h.getInt(BinaryLayout.LABEL_ENTRIES_AT + 4) != 0 || h.getLong(BinaryLayout.FINGERPRINT_AT + 16) != 0) {
            throw fail(BinaryLayout.LABEL_ENTRIES_AT + 4, "reserved header bytes are not zero");
        }
        long expected = BinaryLayout.fileBytes(rows, sparse, cols, nonZeros, entries);
        if (size < expected) {
            throw fail(size, "truncated: the header describes a file of " + expected + " bytes but it has " + size);
        }
        if (size > expected) {
            throw fail(expected, (size - expected) + " unexpected bytes after the " + expected
                    + " bytes the header describes");
        }
        LabelMap labelMap = labelMapHeader(h);
        byte[] fingerprint = Arrays.copyOfRange(h.array(), BinaryLayout.FINGERPRINT_AT,
                BinaryLayout.FINGERPRINT_AT + BinaryLayout.FINGERPRINT_BYTES);
        return new BinaryHeader(version, (int) rows, (int) cols, sparse, nonZeros, labelMap,
                HexFormat.of().formatHex(fingerprint));
    }

    /** The label map's kind and class count; a ranked map's labels are read with the data. */
    private LabelMap labelMapHeader(ByteBuffer h) {
        int classes = h.getInt(BinaryLayout.CLASSES_AT);
        if (classes < 1) {
            throw fail(BinaryLayout.CLASSES_AT, "classes " + classes + " is invalid: expected at least 1");
        }
        int kind = h.getInt(BinaryLayout.LABEL_KIND_AT);
        int entries = h.getInt(BinaryLayout.LABEL_ENTRIES_AT);
        LabelMap.Kind[] kinds = LabelMap.Kind.values();
        if (kind < 0 || kind >= kinds.length) {
            throw fail(BinaryLayout.LABEL_KIND_AT, "label map kind " + kind + " is invalid: expected 0 (signed), "
                    + "1 (zero-based), 2 (one-based) or 3 (ranked)");
        }
        int expectedEntries = kinds[kind] == LabelMap.Kind.RANKED ? classes : 0;
        if (entries != expectedEntries) {
            throw fail(BinaryLayout.LABEL_ENTRIES_AT, "a " + kinds[kind].name().toLowerCase() + " label map of "
                    + classes + " classes has " + expectedEntries + " label entries, header says " + entries);
        }
        switch (kinds[kind]) {
            case SIGNED:
                if (classes != 2) {
                    throw fail(BinaryLayout.CLASSES_AT, "a signed (-1/+1) label map has 2 classes, header says "
                            + classes);
                }
                return LabelMap.signed();
            case ZERO_BASED:
                return LabelMap.zeroBased(classes);
            case ONE_BASED:
                return LabelMap.oneBased(classes);
            default:
                return rankedLabels(classes);
        }
    }

    /** The raw labels of a ranked map, stored just before the checksum. */
    private LabelMap rankedLabels(int classes) {
        long at = size - BinaryLayout.CHECKSUM_BYTES - BinaryLayout.section(classes);
        if (at < BinaryLayout.HEADER_BYTES) {
            throw fail(size, "truncated: too short for the " + classes + " ranked labels the header declares");
        }
        ByteBuffer b = ByteBuffer.allocate(4 * classes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (b.hasRemaining() && channel.read(b, at + b.position()) >= 0) {
                // until every label is read
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
        int[] entries = new int[classes];
        for (int i = 0; i < classes; i++) {
            entries[i] = b.getInt(4 * i);
            if (i > 0 && entries[i] <= entries[i - 1]) {
                throw fail(at + 4L * i, "ranked labels must increase: " + entries[i] + " follows " + entries[i - 1]);
            }
        }
        return LabelMap.ranked(entries);
    }

    private LabelledData data() throws IOException {
        BinaryHeader header = header();
        verifyChecksum();
        Sections sections = new Sections(BinaryLayout.HEADER_BYTES);
        int rows = header.rows();
        int[] labels = sections.ints(rows);
        Features features;
        long featuresAt = sections.position;
        if (header.sparse()) {
            int[] rowStart = sections.ints(rows + 1L);
            long indicesAt = sections.position;
            int[] indices = sections.ints(header.nonZeros());
            long valuesAt = sections.position;
            float[] values = sections.floats(header.nonZeros());
            checkSparse(header, rowStart, indices, featuresAt, indicesAt);
            checkFinite(values, valuesAt);
            features = new SparseFeatures(rows, header.cols(), rowStart, indices, values);
        } else {
            float[] values = sections.floats(header.nonZeros());
            checkFinite(values, featuresAt);
            features = new DenseFeatures(rows, header.cols(), values);
        }
        for (int r = 0; r < rows; r++) {
            if (labels[r] < 0 || labels[r] >= header.numClasses()) {
                throw fail(BinaryLayout.HEADER_BYTES + 4L * r, "label " + labels[r] + " of row " + r
                        + " is outside the classes 0.." + (header.numClasses() - 1));
            }
        }
        return new LabelledData(new Dataset(features, labels, header.numClasses()), header.labelMap());
    }

    private void verifyChecksum() throws IOException {
        Hash128 hash = new Hash128();
        long end = size - BinaryLayout.CHECKSUM_BYTES;
        for (long at = 0; at < end; at += WINDOW_BYTES) {
            hash.update(channel.map(FileChannel.MapMode.READ_ONLY, at, Math.min(WINDOW_BYTES, end - at)));
        }
        ByteBuffer stored = ByteBuffer.allocate(BinaryLayout.CHECKSUM_BYTES);
        while (stored.hasRemaining() && channel.read(stored, end + stored.position()) >= 0) {
            // until the checksum's length
        }
        if (!Arrays.equals(stored.array(), hash.digest())) {
            throw fail(end, "checksum mismatch: the file was altered or damaged after it was written (stored "
                    + HexFormat.of().formatHex(stored.array()) + ", computed " + hash.hex() + ")");
        }
    }

    private void checkSparse(BinaryHeader header, int[] rowStart, int[] indices, long rowStartAt, long indicesAt) {
        if (rowStart[0] != 0) {
            throw fail(rowStartAt, "the first row must start at 0, not " + rowStart[0]);
        }
        for (int r = 0; r < header.rows(); r++) {
            int from = rowStart[r];
            int to = rowStart[r + 1];
            if (to < from || to > header.nonZeros()) {
                throw fail(rowStartAt + 4L * (r + 1), "row " + r + " ends at " + to + ", expected "
                        + from + ".." + header.nonZeros());
            }
            for (int p = from; p < to; p++) {
                int col = indices[p];
                if (col < 0 || col >= header.cols() || (p > from && col <= indices[p - 1])) {
                    throw fail(indicesAt + 4L * p, "column index " + col + " of row " + r
                            + " is out of order or outside 0.." + (header.cols() - 1));
                }
            }
        }
        if (rowStart[header.rows()] != header.nonZeros()) {
            throw fail(rowStartAt + 4L * header.rows(), "the rows hold " + rowStart[header.rows()]
                    + " values but the header says " + header.nonZeros());
        }
    }

    private void checkFinite(float[] values, long at) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw fail(at + 4L * i, "value " + values[i] + " is not finite");
            }
        }
    }

    private long within(ByteBuffer h, int at, String field, long min, long max) {
        long v = h.getLong(at);
        if (v < min || v > max) {
            throw fail(at, field + " " + v + " is invalid: expected " + min + ".." + max);
        }
        return v;
    }

    private DataFormatException fail(long byteOffset, String reason) {
        return DataFormatException.atByte(source, byteOffset, reason);
    }

    /** Reads the padded sections in order through mapped windows. */
    private final class Sections {
        private long position;

        Sections(long position) {
            this.position = position;
        }

        int[] ints(long count) throws IOException {
            int[] out = new int[(int) count];
            int done = 0;
            while (done < out.length) {
                int n = (int) Math.min(out.length - done, WINDOW_BYTES / 4);
                window(position + 4L * done, 4L * n).asIntBuffer().get(out, done, n);
                done += n;
            }
            position += BinaryLayout.section(count);
            return out;
        }

        float[] floats(long count) throws IOException {
            float[] out = new float[(int) count];
            int done = 0;
            while (done < out.length) {
                int n = (int) Math.min(out.length - done, WINDOW_BYTES / 4);
                window(position + 4L * done, 4L * n).asFloatBuffer().get(out, done, n);
                done += n;
            }
            position += BinaryLayout.section(count);
            return out;
        }

        private ByteBuffer window(long at, long length) throws IOException {
            MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_ONLY, at, length);
            return map.order(ByteOrder.LITTLE_ENDIAN);
        }
    }
}
