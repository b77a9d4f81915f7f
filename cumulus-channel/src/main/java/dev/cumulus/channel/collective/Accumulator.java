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
        if (others.length == 1) {
            // Two floats added in float give the bits of their double sum rounded to float: a
            // double's 53 bits are at least 2·24 + 2, so rounding twice cannot differ from rounding
            // once (Figueroa, "When is double rounding innocuous?", 1995). One pass, no block.
            if (vectorized) {
                VectorSums.addPair(own, from, others[0], 0, target, offset, length);
            } else {
                for (int i = 0; i < length; i++) {
                    target[offset + i] = own[from + i] + others[0][i];
                }
            }
            return;
        }
        // By blocks whose double partial sums stay in L1: each rank's contribution is then one
        // tight loop over consecutive floats (an inner loop over ranks per element ran at 5 ns).
        // The first contribution sets the block, so it needs no zeroing pass.
        double[] block = new double[Math.min(length, BLOCK)];
        for (int start = 0; start < length; start += BLOCK) {
            int n = Math.min(BLOCK, length - start);
            for (int k = 0; k < others.length + 1; k++) {
                float[] floats = k < self ? others[k] : k == self ? own : others[k - 1];
                int at = k == self ? from + start : start;
                if (k == 0) {
                    set(floats, at, block, n, vectorized);
                } else {
                    add(floats, at, block, n, vectorized);
                }
            }
            round(block, target, offset + start, n, vectorized);
        }
    }

    /** {@code block[i] = floats[start + i]} for i below {@code n}. */
    private static void set(float[] floats, int start, double[] block, int n, boolean vectorized) {
        if (vectorized) {
            VectorSums.set(floats, start, block, n);
        } else {
            for (int i = 0; i < n; i++) {
                block[i] = floats[start + i];
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

    /** {@code target[offset + i] = (float) block[i]} for i below {@code n}. */
    private static void round(double[] block, float[] target, int offset, int n, boolean vectorized) {
        if (vectorized) {
            VectorSums.round(block, target, offset, n);
        } else {
            for (int i = 0; i < n; i++) {
                target[offset + i] = (float) block[i];
            }
        }
    }
}
