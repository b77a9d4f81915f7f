package dev.cumulus.data.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class Hash128Test {

    @Property(tries = 300)
    void givesTheSameDigestHoweverTheBytesAreSplit(@ForAll @Size(max = 300) byte[] bytes,
            @ForAll @IntRange(min = 1, max = 70) int piece) {
        Hash128 whole = new Hash128().update(bytes);
        Hash128 pieces = new Hash128();
        for (int at = 0; at < bytes.length; at += piece) {
            pieces.update(bytes, at, Math.min(piece, bytes.length - at));
        }
        Hash128 direct = new Hash128().update(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip());
        assertThat(pieces.hex()).isEqualTo(whole.hex()).isEqualTo(direct.hex()).hasSize(32);
    }

    @Property(tries = 300)
    void changesWhenAnyBitFlips(@ForAll @Size(min = 1, max = 200) byte[] bytes, @ForAll @IntRange(max = 10_000) int at) {
        byte[] flipped = bytes.clone();
        int bit = at % (bytes.length * 8);
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThat(new Hash128().update(flipped).hex()).isNotEqualTo(new Hash128().update(bytes).hex());
    }

    @Test
    void tellsTrailingZerosApart() {
        byte[] a = new byte[40];
        byte[] b = Arrays.copyOf(a, 41);
        assertThat(new Hash128().update(a).hex()).isNotEqualTo(new Hash128().update(b).hex())
                .isNotEqualTo(new Hash128().hex());
    }
}
