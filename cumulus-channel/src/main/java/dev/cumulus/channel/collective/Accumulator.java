package dev.cumulus.channel.collective;

import dev.cumulus.channel.CorruptValueException;
import dev.cumulus.channel.codec.FloatCodec;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Sums float vectors in double precision, in rank order, and rounds once, so every worker that
 * receives the result sees the same floats and the sum is the exact sum correctly rounded for all
 * but pathological inputs. The contributions are read straight from the encoded inputs into a
 * small block of double partial sums that stays in L1 (three passes over a fresh 2 MB double array
 * per megabyte had cost more CPU than the transfers on a 2-core machine).
 */
final class Accumulator {
    /** Elements summed at a time: 8 KB of doubles. */
    private static final int BLOCK = 1024;

    /**
     * Whether inputs are added with {@link VectorSums}: the JVM has the incubator module and the
     * machine has vectors of four doubles or more. Checked before that class is touched, so a JVM
     * without the module never loads it.
     */
    static final boolean VECTORIZED = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && VectorSums.supported();

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
        sum(own, from, self, others, target, offset, length, who, VECTORIZED);
    }

    /** As above, adding the inputs with {@link VectorSums} if {@code vectorized}; both give the same bits. */
    static void sum(float[] own, int from, int self, List<byte[]> others, float[] target, int offset, int length,
                    IntFunction<String> who, boolean vectorized) {
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
        // By blocks whose double partial sums stay in L1: each rank's contribution is then one
        // tight loop over consecutive floats (an inner loop over ranks per element ran at 5 ns).
        double[] block = new double[Math.min(length, BLOCK)];
        for (int start = 0; start < length; start += BLOCK) {
            int n = Math.min(BLOCK, length - start);
            java.util.Arrays.fill(block, 0, n, 0.0);
            for (int k = 0; k < self; k++) {
                add(inputs[k], start, block, n, vectorized);
            }
            for (int i = 0; i < n; i++) {
                block[i] += own[from + start + i];
            }
            for (int k = self; k < inputs.length; k++) {
                add(inputs[k], start, block, n, vectorized);
            }
            for (int i = 0; i < n; i++) {
                target[offset + start + i] = (float) block[i];
            }
        }
    }

    private static void add(byte[] plain, int start, double[] block, int n, boolean vectorized) {
        if (vectorized) {
            VectorSums.add(plain, start, block, n);
        } else {
            addPlain(plain, start, block, n);
        }
    }

    private static void addPlain(byte[] plain, int start, double[] block, int n) {
        for (int i = 0; i < n; i++) {
            block[i] += FloatCodec.floatAt(plain, start + i);
        }
    }
}
