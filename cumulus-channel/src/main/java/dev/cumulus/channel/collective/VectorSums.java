package dev.cumulus.channel.collective;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops of {@link Accumulator}: floats widened to doubles and added to a block of
 * partial sums, a full vector of doubles at a time, and the block rounded back to floats; and the
 * plain float addition of two ranks. With 16 workers a round sums 15 inputs per owner: a 512 KB
 * part takes 267 µs here against 752 µs for the scalar loops ({@code AccumulatorBenchmark}, Zen 4).
 * Each lane does the same IEEE operation as the scalar loop, so both give the same bits. Only
 * loaded when the JVM has {@code jdk.incubator.vector} (see {@link Accumulator#VECTORIZED}).
 */
final class VectorSums {
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    /** As many floats as {@link #DOUBLES} has lanes, in a vector half its size. */
    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));

    private VectorSums() {
    }

    /** Whether this machine's vectors hold at least four doubles, below which the scalar loop is as fast. */
    static boolean supported() {
        return DOUBLES.length() >= 4;
    }

    /** {@code block[i] = floats[start + i]}, widened, for i below {@code n}. */
    static void set(float[] floats, int start, double[] block, int n) {
        int bound = FLOATS.loopBound(n);
        int i = 0;
        for (; i < bound; i += FLOATS.length()) {
            widened(floats, start + i).intoArray(block, i);
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
            DoubleVector.fromArray(DOUBLES, block, i).add(widened(floats, start + i)).intoArray(block, i);
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
            ((FloatVector) DoubleVector.fromArray(DOUBLES, block, i).convertShape(VectorOperators.D2F, FLOATS, 0))
                    .intoArray(target, offset + i);
        }
        for (; i < n; i++) {
            target[offset + i] = (float) block[i];
        }
    }

    /** {@code target[offset + i] = a[aFrom + i] + b[bFrom + i]} in float, for i below {@code n}, a full vector of floats at a time. */
    static void addPair(float[] a, int aFrom, float[] b, int bFrom, float[] target, int offset, int n) {
        VectorSpecies<Float> wide = FloatVector.SPECIES_PREFERRED;
        int bound = wide.loopBound(n);
        int i = 0;
        for (; i < bound; i += wide.length()) {
            FloatVector.fromArray(wide, a, aFrom + i).add(FloatVector.fromArray(wide, b, bFrom + i))
                    .intoArray(target, offset + i);
        }
        for (; i < n; i++) {
            target[offset + i] = a[aFrom + i] + b[bFrom + i];
        }
    }

    private static DoubleVector widened(float[] floats, int from) {
        return (DoubleVector) FloatVector.fromArray(FLOATS, floats, from).convertShape(VectorOperators.F2D, DOUBLES, 0);
    }
}
