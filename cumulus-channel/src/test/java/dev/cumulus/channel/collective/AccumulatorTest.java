package dev.cumulus.channel.collective;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccumulatorTest {

    @ParameterizedTest(name = "length {0}, {1} workers, self {2}, at offset {3}")
    @CsvSource({"1, 2, 0, 0", "1027, 2, 1, 3", "3001, 2, 0, 0", "7, 3, 1, 5", "1023, 4, 3, 0", "1024, 17, 8, 3", "1025, 5, 0, 1", "3001, 16, 15, 2"})
    void scalarAndVectorLoopsBothGiveTheExactSumCorrectlyRounded(int length, int workers, int self, int offset) {
        Random random = new Random(length * 31L + workers);
        float[][] vectors = new float[workers][offset + length];
        for (float[] vector : vectors) {
            for (int i = 0; i < vector.length; i++) {
                // Mixed signs and magnitudes, so partial sums would round differently in float.
                vector[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
            }
        }
        List<float[]> others = new ArrayList<>();
        for (int rank = 0; rank < workers; rank++) {
            if (rank != self) {
                others.add(java.util.Arrays.copyOfRange(vectors[rank], offset, offset + length));
            }
        }
        float[] scalar = new float[offset + length];
        float[] vector = new float[offset + length];
        float[][] inputs = others.toArray(new float[0][]);
        Accumulator.sum(vectors[self], offset, self, inputs, scalar, offset, length, false);
        Accumulator.sum(vectors[self], offset, self, inputs, vector, offset, length, true);

        for (int i = 0; i < length; i++) {
            BigDecimal exact = BigDecimal.ZERO;
            for (float[] v : vectors) {
                exact = exact.add(new BigDecimal(v[offset + i]));
            }
            float expected = exact.round(MathContext.DECIMAL128).floatValue();
            assertThat(scalar[offset + i]).as("scalar element %d", i).isEqualTo(expected);
            assertThat(Float.floatToRawIntBits(vector[offset + i])).as("vector element %d", i)
                    .isEqualTo(Float.floatToRawIntBits(scalar[offset + i]));
        }
        assertThat(scalar[0]).as("left before the offset").isEqualTo(offset == 0 ? scalar[0] : 0f);
    }

    @org.junit.jupiter.api.Test
    void twoWorkersSummedInFloatGiveTheBitsOfTheirDoubleSumRoundedOnceOverEveryExponent() {
        // Any bit pattern but NaN: subnormals, huge exponent gaps, sums that overflow to infinity.
        Random random = new Random(7);
        int length = 100_003;
        float[] own = new float[length + 1];
        float[] other = new float[length];
        for (int i = 0; i < length; i++) {
            own[i + 1] = finite(random);
            other[i] = i % 3 == 0 ? -own[i + 1] * (1 + random.nextInt(3)) : finite(random);
        }
        for (boolean vectorized : new boolean[] {false, true}) {
            float[] target = new float[length + 2];
            Accumulator.sum(own, 1, 1, new float[][] {other}, target, 2, length, vectorized);
            for (int i = 0; i < length; i++) {
                float once = (float) ((double) own[i + 1] + (double) other[i]);
                assertThat(Float.floatToRawIntBits(target[i + 2])).as("element %d, vectorized %s", i, vectorized)
                        .isEqualTo(Float.floatToRawIntBits(once));
            }
        }
    }

    private static float finite(Random random) {
        float f;
        do {
            f = Float.intBitsToFloat(random.nextInt());
        } while (Float.isNaN(f) || Float.isInfinite(f));
        return f;
    }
}
