package dev.cumulus.channel.collective;

/**
 * Sums float vectors in double precision, in rank order, and rounds once, so every worker that
 * receives the result sees the same floats and the sum is the exact sum correctly rounded for all
 * but pathological inputs. The contributions are added into a small block of double partial sums
 * that stays in L1 (three passes over a fresh 2 MB double array per megabyte had cost more CPU
 * than the transfers on a 2-core machine).
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
     * element i: rank {@code self}'s is {@code own[from + i]}, the others' are {@code others[k][i]}
     * (in rank order without {@code self}).
     */
    static void sum(float[] own, int from, int self, float[][] others, float[] target, int offset, int length) {
        sum(own, from, self, others, target, offset, length, VECTORIZED);
    }

    /** As above, adding the inputs with {@link VectorSums} if {@code vectorized}; both give the same bits. */
    static void sum(float[] own, int from, int self, float[][] others, float[] target, int offset, int length,
                    boolean vectorized) {
        // By blocks whose double partial sums stay in L1: each rank's contribution is then one
        // tight loop over consecutive floats (an inner loop over ranks per element ran at 5 ns).
        double[] block = new double[Math.min(length, BLOCK)];
        for (int start = 0; start < length; start += BLOCK) {
            int n = Math.min(BLOCK, length - start);
            java.util.Arrays.fill(block, 0, n, 0.0);
            for (int k = 0; k < self; k++) {
                add(others[k], start, block, n, vectorized);
            }
            add(own, from + start, block, n, vectorized);
            for (int k = self; k < others.length; k++) {
                add(others[k], start, block, n, vectorized);
            }
            for (int i = 0; i < n; i++) {
                target[offset + start + i] = (float) block[i];
            }
        }
    }

    /** {@code block[i] += floats[start + i]} for i below {@code n}. */
    private static void add(float[] floats, int start, double[] block, int n, boolean vectorized) {
        if (vectorized) {
            VectorSums.add(floats, start, block, n);
        } else {
            for (int i = 0; i < n; i++) {
                block[i] += floats[start + i];
            }
        }
    }
}
