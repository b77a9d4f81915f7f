package dev.cumulus.channel.collective;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops of {@link Accumulator}: floats widened to doubles and added to a block of
 * partial sums, a full vector of doubles at a time, and the block rounded back to floats; and the
 * plain float addition of two ranks. With 16 workers a round sums 15 inputs per owner: a 512 KB
 * part takes 279 µs here against 780 µs for the scalar loops ({@code AccumulatorBenchmark}, Zen 4,
 * 2026-12-07, floats in 256-bit vectors; 267 against 752 µs when they were 512 bits wide).
 * Each lane does the same IEEE operation as the scalar loop, so both give the same bits. Only
 * loaded when the JVM has {@code jdk.incubator.vector} (see {@link Accumulator#VECTORIZED}).
 */
final class VectorSums {
    /**
     * The one float shape of every Vector API loop in Cumulus (the model kernels use it too). When a
     * JVM had run 512-bit float vectors here before the MLP kernels were compiled, C2 could not bind
     * the kernels' 256-bit operations to one class and ran the Vector API's boxed fallback: an
     * epoch of a 784-512-10 MLP took 10 s of compute instead of 2.7 s after a small run in the same
     * JVM (the test JVM, a peer, the threads platform).
     */
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
    /** Eight doubles in one vector where the machine has them (AVX-512), else four, two per float vector. */
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED.length() >= 8
            ? DoubleVector.SPECIES_512 : DoubleVector.SPECIES_256;
    private static final int PARTS = FLOATS.length() / DOUBLES.length();
    /** The upper half of a float vector, where the second part of a rounding goes when {@link #PARTS} is 2. */
    private static final VectorMask<Float> UPPER = VectorMask.fromLong(FLOATS, 0xF0L);

    private VectorSums() {
    }

    /** Whether this machine's vectors hold at least four doubles, below which the scalar loop is as fast. */
    static boolean supported() {
        return DoubleVector.SPECIES_PREFERRED.length() >= 4;
    }

    /** {@code block[i] = floats[start + i]}, widened, for i below {@code n}. */
    static void set(float[] floats, int start, double[] block, int n) {
        int bound = FLOATS.loopBound(n);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            FloatVector f = FloatVector.fromArray(FLOATS, floats, start + i);
            for (int part = 0; part < PARTS; part++) {
                widened(f, part).intoArray(block, i + part * DOUBLES.length());
            }
        }
        for (; i < n; i++) {
            block[i] = floats[start + i];
        }
    }

    /** {@code block[i] += floats[start + i]}, for i below {@code n}. */
    static void add(float[] floats, int start, double[] block, int n) {
        int bound = FLOATS.loopBound(n);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            FloatVector f = FloatVector.fromArray(FLOATS, floats, start + i);
            for (int part = 0; part < PARTS; part++) {
                int at = i + part * DOUBLES.length();
                DoubleVector.fromArray(DOUBLES, block, at).add(widened(f, part)).intoArray(block, at);
            }
        }
        for (; i < n; i++) {
            block[i] += floats[start + i];
        }
    }

    /** {@code target[offset + i] = (float) block[i]}, for i below {@code n}: each lane rounds as the cast does. */
    static void round(double[] block, float[] target, int offset, int n) {
        int bound = FLOATS.loopBound(n);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            FloatVector rounded = (FloatVector) DoubleVector.fromArray(DOUBLES, block, i)
                    .convertShape(VectorOperators.D2F, FLOATS, 0);
            if (PARTS == 2) {
                rounded = rounded.blend((FloatVector) DoubleVector.fromArray(DOUBLES, block, i + DOUBLES.length())
                        .convertShape(VectorOperators.D2F, FLOATS, -1), UPPER);
            }
            rounded.intoArray(target, offset + i);
        }
        for (; i < n; i++) {
            target[offset + i] = (float) block[i];
        }
    }

    /** {@code target[offset + i] = a[aFrom + i] + b[bFrom + i]} in float, for i below {@code n}, a full vector of floats at a time. */
    static void addPair(float[] a, int aFrom, float[] b, int bFrom, float[] target, int offset, int n) {
        int bound = FLOATS.loopBound(n);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            FloatVector.fromArray(FLOATS, a, aFrom + i).add(FloatVector.fromArray(FLOATS, b, bFrom + i))
                    .intoArray(target, offset + i);
        }
        for (; i < n; i++) {
            target[offset + i] = a[aFrom + i] + b[bFrom + i];
        }
    }

    /** Part {@code part} of a float vector, widened to doubles. */
    private static DoubleVector widened(FloatVector floats, int part) {
        return (DoubleVector) floats.convertShape(VectorOperators.F2D, DOUBLES, part);
    }
}
