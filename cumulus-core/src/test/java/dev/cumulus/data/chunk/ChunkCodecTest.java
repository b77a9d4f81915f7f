package dev.cumulus.data.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.data.DataFormatException;
import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.MissingDataException;
import dev.cumulus.data.SparseFeatures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkCodecTest {

    @Provide
    Arbitrary<Dataset> datasets() {
        return RandomDatasets.datasets();
    }

    /** Compares value bits, so -0.0 and 0.0 differ and NaN payloads would be caught. */
    static void assertIdentical(Dataset actual, Dataset expected) {
        assertThat(actual.rows()).isEqualTo(expected.rows());
        assertThat(actual.cols()).isEqualTo(expected.cols());
        assertThat(actual.numClasses()).isEqualTo(expected.numClasses());
        assertThat(actual.labels()).isEqualTo(expected.labels());
        assertThat(actual.features().isSparse()).isEqualTo(expected.features().isSparse());
        if (expected.features() instanceof SparseFeatures e) {
            SparseFeatures a = (SparseFeatures) actual.features();
            assertThat(a.rowStart()).isEqualTo(e.rowStart());
            assertThat(a.indices()).isEqualTo(e.indices());
            assertThat(bits(a.values())).isEqualTo(bits(e.values()));
        } else {
            assertThat(bits(((DenseFeatures) actual.features()).values()))
                    .isEqualTo(bits(((DenseFeatures) expected.features()).values()));
        }
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }

    @Property(tries = 200)
    void decodeInvertsEncodeForDenseAndSparseData(@ForAll("datasets") Dataset data) {
        byte[] bytes = ChunkCodec.encode(data);
        assertThat((long) bytes.length).isEqualTo(ChunkCodec.encodedBytes(data));
        assertIdentical(ChunkCodec.decode(bytes), data);
    }

    @Property(tries = 200)
    void encodingSelectedRowsGivesTheBytesOfTheSelectedCopy(@ForAll("datasets") Dataset data,
            @ForAll @IntRange(min = 0, max = 40) int count, @ForAll long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        // Any rows, repeated and out of order, as a shuffled partition or a bootstrap sample gives them.
        int[] rows = new int[data.rows() == 0 ? 0 : count];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = random.nextInt(data.rows());
        }
        assertThat(ChunkCodec.encode(data, rows)).isEqualTo(ChunkCodec.encode(data.select(rows)));
    }

    @Test
    void encodingSelectedRowsSpansManyWriteBuffersAndChecksItsLabels() {
        // Rows of 3,000 columns: a few per 64 KiB buffer, so the gathering flushes mid-chunk.
        Dataset wide = new Dataset(new DenseFeatures(40, 3000, randomValues(40 * 3000)), new int[40], 2);
        int[] rows = {39, 0, 7, 7, 21, 38, 1, 12, 30, 2, 3, 4, 5, 6, 8, 9, 10, 11};
        assertThat(ChunkCodec.encode(wide, rows)).isEqualTo(ChunkCodec.encode(wide.select(rows)));
        int[] labels = new int[40];
        labels[7] = 5;
        Dataset bad = new Dataset(new DenseFeatures(40, 3, randomValues(120)), labels, 6);
        Dataset relabelled = new Dataset(bad.features(), labels, 5);
        assertThatThrownBy(() -> ChunkCodec.encode(relabelled, new int[] {1, 7}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 5 of row 1");
    }

    private static float[] randomValues(int n) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(n);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    @Property(tries = 100)
    void fingerprintOfDataEqualsFingerprintOfItsEncoding(@ForAll("datasets") Dataset data) {
        byte[] bytes = ChunkCodec.encode(data);
        String fp = DataFingerprint.of(data);
        assertThat(fp).hasSize(DataFingerprint.HEX_DIGITS).matches("[0-9a-f]+");
        assertThat(fp).isEqualTo(DataFingerprint.ofEncoded(bytes));
        assertThat(DataFingerprint.of(ChunkCodec.decode(bytes))).isEqualTo(fp);
    }

    @Property(tries = 200)
    void anyChangedByteIsDetected(@ForAll("datasets") Dataset data, @ForAll @IntRange(min = 0, max = 1 << 20) int where,
                                  @ForAll @IntRange(min = 1, max = 255) int xor) {
        byte[] bytes = ChunkCodec.encode(data);
        int at = where % bytes.length;
        bytes[at] ^= (byte) xor;
        assertThatThrownBy(() -> ChunkCodec.decode(bytes, "key-7"))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith("key-7, byte ");
    }

    @Property(tries = 100)
    void everyTruncationIsDetected(@ForAll("datasets") Dataset data, @ForAll @IntRange(min = 1, max = 1 << 20) int cut) {
        byte[] bytes = ChunkCodec.encode(data);
        int keep = bytes.length - 1 - (cut % bytes.length);
        assertThatThrownBy(() -> ChunkCodec.decode(Arrays.copyOf(bytes, keep)))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void fingerprintDistinguishesOneChangedValue() {
        Dataset a = RandomDatasets.make(10, 5, 3, false, 1);
        float[] v = ((DenseFeatures) a.features()).values().clone();
        v[17] = Math.nextUp(v[17]);
        Dataset b = new Dataset(new DenseFeatures(10, 5, v), a.labels(), 3);
        assertThat(DataFingerprint.of(a)).isNotEqualTo(DataFingerprint.of(b));
    }

    @Test
    void headerIsLittleEndianWithMagicVersionAndShape() {
        Dataset d = RandomDatasets.make(3, 4, 2, true, 9);
        ByteBuffer b = ByteBuffer.wrap(ChunkCodec.encode(d)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(Arrays.copyOf(b.array(), 4), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("CHNK");
        assertThat(b.getShort(4)).isEqualTo((short) 1);
        assertThat(b.getShort(6)).isEqualTo((short) 1);
        assertThat(b.getInt(8)).isEqualTo(3);
        assertThat(b.getInt(12)).isEqualTo(4);
        assertThat(b.getInt(16)).isEqualTo(2);
        assertThat(b.getLong(24)).isEqualTo(d.features().nonZeros());
    }

    @Test
    void rejectsBytesThatAreNotAChunk() {
        byte[] bytes = new byte[64];
        bytes[0] = 'P';
        assertThatThrownBy(() -> ChunkCodec.decode(bytes))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("chunk, byte 0: not a chunk: magic 0x00000050, expected 0x4B4E4843");
    }

    @Test
    void rejectsAFutureVersion() {
        byte[] bytes = ChunkCodec.encode(RandomDatasets.make(2, 2, 2, false, 3));
        bytes[4] = 2;
        assertThatThrownBy(() -> ChunkCodec.decode(bytes))
                .isInstanceOf(DataFormatException.class)
                .hasMessage("chunk, byte 4: unsupported chunk version 2 (this build reads 1)");
    }

    @Test
    void rejectsCorruptPayloadByChecksum() {
        byte[] bytes = ChunkCodec.encode(RandomDatasets.make(5, 5, 2, false, 3));
        bytes[60] ^= 1;
        assertThatThrownBy(() -> ChunkCodec.decode(bytes))
                .isInstanceOf(DataFormatException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("the chunk is corrupt");
    }

    @Test
    void refusesToEncodeLabelsOutsideTheClasses() {
        Dataset bad = new Dataset(new DenseFeatures(1, 1, new float[] {1}), new int[] {3}, 2);
        assertThatThrownBy(() -> ChunkCodec.encode(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 3 of row 0 is outside 0..1");
    }

    @Test
    void writesThroughATemporaryFileAndReadsBack(@TempDir Path dir) throws IOException {
        Dataset d = RandomDatasets.make(20, 6, 4, true, 5);
        Path file = dir.resolve("chunks/chunk-0.bin");
        ChunkCodec.write(d, file);
        ChunkCodec.write(d, file);
        assertIdentical(ChunkCodec.read(file), d);
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void readingAMissingChunkNamesThePath(@TempDir Path dir) {
        Path file = dir.resolve("absent.bin");
        assertThatThrownBy(() -> ChunkCodec.read(file))
                .isInstanceOf(MissingDataException.class)
                .hasMessageContaining(file.toString());
    }
}
