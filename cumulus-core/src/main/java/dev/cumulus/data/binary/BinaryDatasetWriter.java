package dev.cumulus.data.binary;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.Features;
import dev.cumulus.data.LabelMap;
import dev.cumulus.data.SparseFeatures;
import dev.cumulus.data.chunk.DataFingerprint;
import dev.cumulus.data.chunk.Hash128;
import dev.cumulus.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Writes a {@link Dataset} and its {@link LabelMap} as a binary dataset file
 * (docs/DATA-FORMAT.md), through a temporary file and a rename, so a reader never sees half a file.
 */
public final class BinaryDatasetWriter {
    private static final int BUFFER_BYTES = 1 << 20;

    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final Hash128 checksum = new Hash128();
    private final OutputStream out;

    private BinaryDatasetWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * Writes {@code data} to {@code file}.
     *
     * @param labels how the data's classes map back to the labels of its source (kept for reading a
     *     matching test file, and for writing the data back as text)
     * @throws IllegalArgumentException if the label map does not have the data's classes or a label is out of range
     */
    public static void write(Dataset data, LabelMap labels, Path file) {
        if (labels.numClasses() != data.numClasses()) {
            throw new IllegalArgumentException("label map has " + labels.numClasses() + " classes but the data has "
                    + data.numClasses());
        }
        String fingerprint = DataFingerprint.of(data);
        try {
            AtomicFiles.write(file, out -> new BinaryDatasetWriter(out).writeAll(data, labels, fingerprint));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private void writeAll(Dataset data, LabelMap labels, String fingerprint) throws IOException {
        Features f = data.features();
        int[] labelEntries = labelEntries(labels);
        buffer.put(BinaryLayout.MAGIC).putInt(BinaryLayout.VERSION)
                .putInt(f.isSparse() ? BinaryLayout.SPARSE : BinaryLayout.DENSE)
                .putLong(data.rows()).putLong(data.cols()).putLong(f.nonZeros())
                .putInt(data.numClasses()).putInt(labels.kind().ordinal()).putInt(labelEntries.length).putInt(0)
                .put(HexFormat.of().parseHex(fingerprint)).putLong(0);
        ints(data.labels());
        if (f instanceof SparseFeatures s) {
            ints(s.rowStart());
            ints(s.indices());
            floats(s.values());
        } else if (f instanceof DenseFeatures d) {
            floats(d.values());
        } else {
            throw new IllegalArgumentException("cannot write features of type " + f.getClass().getName());
        }
        ints(labelEntries);
        drain();
        out.write(checksum.digest());
        out.flush();
    }

    /** The raw labels of a ranked map, in class order; the other kinds are described by their kind alone. */
    private static int[] labelEntries(LabelMap labels) {
        if (labels.kind() != LabelMap.Kind.RANKED) {
            return new int[0];
        }
        int[] raw = new int[labels.numClasses()];
        for (int c = 0; c < raw.length; c++) {
            raw[c] = labels.rawOf(c);
        }
        return raw;
    }

    private void ints(int[] a) throws IOException {
        int at = 0;
        while (at < a.length) {
            if (buffer.remaining() < Integer.BYTES) {
                drain();
            }
            int n = Math.min(a.length - at, buffer.remaining() / Integer.BYTES);
            buffer.asIntBuffer().put(a, at, n);
            buffer.position(buffer.position() + n * Integer.BYTES);
            at += n;
        }
        pad(a.length);
    }

    private void floats(float[] a) throws IOException {
        int at = 0;
        while (at < a.length) {
            if (buffer.remaining() < Float.BYTES) {
                drain();
            }
            int n = Math.min(a.length - at, buffer.remaining() / Float.BYTES);
            buffer.asFloatBuffer().put(a, at, n);
            buffer.position(buffer.position() + n * Float.BYTES);
            at += n;
        }
        pad(a.length);
    }

    /** Zeros after a section of {@code count} 4-byte values, up to a multiple of 8 bytes. */
    private void pad(long count) throws IOException {
        if (count % 2 != 0) {
            if (buffer.remaining() < Integer.BYTES) {
                drain();
            }
            buffer.putInt(0);
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        checksum.update(buffer.array(), 0, buffer.limit());
        out.write(buffer.array(), 0, buffer.limit());
        buffer.clear();
    }
}
