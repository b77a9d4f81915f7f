package dev.cumulus.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.engine.metrics.EpochRecord;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class CheckpointTest {

    private static Checkpoint sample(int params) {
        float[] w = new float[params];
        float[] state = new float[2 * params];
        for (int i = 0; i < params; i++) {
            w[i] = i * 0.5f - 3;
            state[i] = -i;
        }
        return new Checkpoint(12345678901L, 3, 17, 1.25, 640, w, state,
                List.of(new EpochRecord(1, 0.69, 1.5), new EpochRecord(2, 0.5, 3.25)));
    }

    @Property(tries = 50)
    void roundTripsEveryField(@ForAll @IntRange(min = 0, max = 300) int params) {
        Checkpoint c = sample(params);
        Checkpoint back = Checkpoint.decode(c.encode());
        assertThat(back.round()).isEqualTo(c.round());
        assertThat(back.epoch()).isEqualTo(3);
        assertThat(back.step()).isEqualTo(17);
        assertThat(back.lossSum()).isEqualTo(1.25);
        assertThat(back.rowSum()).isEqualTo(640);
        assertThat(back.parameters()).containsExactly(c.parameters());
        assertThat(back.optimizerState()).containsExactly(c.optimizerState());
        assertThat(back.curve()).isEqualTo(c.curve());
    }

    @Property(tries = 200)
    void refusesAnyTruncationOrFlippedBit(@ForAll @IntRange(min = 0, max = 10_000) int position,
            @ForAll @IntRange(min = 0, max = 7) int bit, @ForAll boolean truncate) {
        byte[] bytes = sample(40).encode();
        int at = position % bytes.length;
        byte[] damaged = truncate ? Arrays.copyOf(bytes, at) : bytes.clone();
        if (!truncate) {
            damaged[at] ^= (byte) (1 << bit);
        }
        assertThatThrownBy(() -> Checkpoint.decode(damaged)).isInstanceOf(IllegalArgumentException.class);
    }
}
