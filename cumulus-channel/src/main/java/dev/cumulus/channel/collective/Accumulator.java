package dev.cumulus.channel.collective;

import dev.cumulus.channel.CorruptValueException;
import dev.cumulus.channel.codec.FloatCodec;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Sums float vectors in double precision, in rank order, and rounds once, so every worker that
 * receives the result sees the same floats and the sum is the exact sum correctly rounded for all
 * but pathological inputs. One pass: each element's contributions are read straight from the
 * encoded inputs and summed in a register, with no double array in between (three passes over a
 * 2 MB double array per megabyte had cost more than the transfers on a 2-core machine).
 */
final class Accumulator {
    private Accumulator() {
    }

    /**
     * Sets {@code target[offset + i]}, for i below {@code length}, to the sum over ranks of
     * element i: rank {@code self}'s is {@code own[from + i]}, the others' come from
     * {@code others} (encoded, in rank order without {@code self}).
     *
     * @param who names the input of a rank when it has the wrong length
     */
    static void sum(float[] own, int from, int self, List<byte[]> others, float[] target, int offset, int length,
                    IntFunction<String> who) {
        byte[][] inputs = new byte[others.size()][];
        for (int k = 0; k < inputs.length; k++) {
            byte[] plain = FloatCodec.plain(others.get(k));
            int count = FloatCodec.length(plain);
            if (count != length) {
                int rank = k < self ? k : k + 1;
                throw new CorruptValueException(who.apply(rank) + " has " + count + " floats, expected " + length
                        + " (do all workers pass vectors of the same length?)");
            }
            inputs[k] = plain;
        }
        for (int i = 0; i < length; i++) {
            double total = 0;
            for (int k = 0; k < self; k++) {
                total += FloatCodec.floatAt(inputs[k], i);
            }
            total += own[from + i];
            for (int k = self; k < inputs.length; k++) {
                total += FloatCodec.floatAt(inputs[k], i);
            }
            target[offset + i] = (float) total;
        }
    }
}
