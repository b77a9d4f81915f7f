package dev.cumulus.channel.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.channel.CorruptValueException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class FloatCodecTest {

    @Property(tries = 200)
    void decodingAnEncodedVectorGivesItBackBitForBit(@ForAll float[] vector, @ForAll boolean lz4) {
        float[] back = FloatCodec.decode(FloatCodec.encode(vector, lz4));
        assertThat(back).hasSameSizeAs(vector);
        for (int i = 0; i < vector.length; i++) {
            assertThat(Float.floatToRawIntBits(back[i])).isEqualTo(Float.floatToRawIntBits(vector[i]));
        }
    }

    @Property(tries = 100)
    void readingIntoASliceFromAnyBufferGivesTheVectorBackBitForBit(@ForAll float[] vector, @ForAll boolean lz4,
                                                                   @ForAll boolean direct) {
        byte[] encoded = FloatCodec.encode(vector, lz4);
        // The value sits after other bytes, as in a store's buffer, and the buffer's position is kept.
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(encoded.length + 5) : ByteBuffer.allocate(encoded.length + 5);
        buffer.put(new byte[] {9, 9, 9}).put(encoded).put(new byte[] {7, 7}).flip();
        buffer.position(3).limit(3 + encoded.length);
        float[] into = new float[vector.length + 2];
        assertThat(FloatCodec.readInto(buffer, new FloatSlice(into, 1, 1 + vector.length, false))).isEqualTo(vector.length);
        assertThat(buffer.position()).isEqualTo(3);
        for (int i = 0; i < vector.length; i++) {
            assertThat(Float.floatToRawIntBits(into[1 + i])).isEqualTo(Float.floatToRawIntBits(vector[i]));
        }
    }

    @Test
    void aVectorOfAnotherLengthIsCountedButNotCopied() {
        float[] into = {5, 5, 5};
        ByteBuffer four = ByteBuffer.wrap(FloatCodec.encode(new float[] {1, 2, 3, 4}));
        assertThat(FloatCodec.readInto(four, new FloatSlice(into, 0, 3, false))).isEqualTo(4);
        assertThat(into).containsExactly(5, 5, 5);
        assertThat(FloatCodec.readAll(java.util.Arrays.asList(null, FloatCodec.encode(new float[] {8, 9})),
                java.util.List.of(new FloatSlice(into, 0, 1, false), new FloatSlice(into, 1, 3, false))))
                .containsExactly(-1, 2);
        assertThat(into).containsExactly(5, 8, 9);
        assertThatThrownBy(() -> FloatCodec.readInto(ByteBuffer.wrap(new byte[] {'X', 0, 0}), new FloatSlice(into, 0, 0, false)))
                .isInstanceOf(CorruptValueException.class);
    }

    @Test
    void floatsAreWrittenLittleEndianAfterASixByteHeader() {
        byte[] bytes = FloatCodec.encode(new float[] {1.0f, -2.5f});
        assertThat(bytes).hasSize(6 + 8);
        assertThat(bytes[0]).isEqualTo((byte) 'F');
        assertThat(bytes[1]).isZero();
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(le.getInt(2)).isEqualTo(2);
        assertThat(le.getInt(6)).isEqualTo(Float.floatToIntBits(1.0f));
        assertThat(bytes[6 + 3]).isEqualTo((byte) 0x3f); // 1.0f = 0x3f800000, high byte last
        assertThat(le.getFloat(10)).isEqualTo(-2.5f);
    }

    @Test
    void aShardEncodesOnlyItsRange() {
        float[] vector = {0, 1, 2, 3, 4, 5};
        assertThat(FloatCodec.decode(FloatCodec.encode(vector, 2, 5, true))).containsExactly(2, 3, 4);
        assertThat(FloatCodec.length(FloatCodec.encode(vector, 1, 1, false))).isZero();
    }

    @Property(tries = 100)
    void addingAndDecodingInPlaceAgreeWithDecode(@ForAll float[] vector, @ForAll boolean lz4) {
        byte[] bytes = FloatCodec.encode(vector, lz4);
        double[] total = new double[vector.length + 2];
        java.util.Arrays.fill(total, 1.0);
        assertThat(FloatCodec.addTo(bytes, total)).isEqualTo(vector.length);
        float[] into = new float[vector.length + 3];
        assertThat(FloatCodec.decodeInto(bytes, into, 3)).isEqualTo(vector.length);
        for (int i = 0; i < vector.length; i++) {
            assertThat(total[i]).isEqualTo(1.0 + (double) vector[i]);
            assertThat(Float.floatToRawIntBits(into[3 + i])).isEqualTo(Float.floatToRawIntBits(vector[i]));
        }
        assertThat(total[vector.length]).isEqualTo(1.0);
    }

    @Test
    void aVectorThatDoesNotFitIsRejected() {
        byte[] bytes = FloatCodec.encode(new float[] {1, 2, 3});
        assertThatThrownBy(() -> FloatCodec.addTo(bytes, new double[2])).isInstanceOf(CorruptValueException.class);
        assertThatThrownBy(() -> FloatCodec.decodeInto(bytes, new float[4], 2)).isInstanceOf(CorruptValueException.class);
    }

    @Test
    void lz4ShrinksARepetitiveVector() {
        float[] zeros = new float[100_000];
        assertThat(FloatCodec.encode(zeros, true).length).isLessThan(FloatCodec.encode(zeros, false).length / 50);
    }

    @Test
    void bytesThatAreNotAVectorAreRejectedWithTheReason() {
        assertThatThrownBy(() -> FloatCodec.decode("hello".getBytes()))
                .isInstanceOf(CorruptValueException.class).hasMessageContaining("not an encoded float vector");
        byte[] truncated = FloatCodec.encode(new float[] {1, 2, 3});
        byte[] cut = java.util.Arrays.copyOf(truncated, truncated.length - 1);
        assertThatThrownBy(() -> FloatCodec.decode(cut))
                .isInstanceOf(CorruptValueException.class).hasMessageContaining("3 floats");
        byte[] compressed = FloatCodec.encode(new float[1000], true);
        byte[] cutBlock = java.util.Arrays.copyOf(compressed, compressed.length - 2);
        assertThatThrownBy(() -> FloatCodec.decode(cutBlock))
                .isInstanceOf(CorruptValueException.class).hasMessageContaining("compressed bytes");
        ByteBuffer.wrap(cutBlock).order(ByteOrder.LITTLE_ENDIAN).putInt(6, cutBlock.length - 10);
        assertThatThrownBy(() -> FloatCodec.decode(cutBlock)).isInstanceOf(CorruptValueException.class);
    }
}
