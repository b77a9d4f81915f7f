package dev.cumulus.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MLP's vector kernels against double-precision sums computed here, on shapes off every
 * blocking (odd rows, columns off the 32-wide and 8-wide steps, a single column), with offsets
 * and strides as the layers use them. Skipped on a JVM without jdk.incubator.vector.
 */
class VectorMlpKernelsTest {
    private static final int[] SIZES = {1, 2, 3, 7, 8, 9, 31, 32, 33, 64, 65, 100};

    @BeforeEach
    void requireVectorApi() {
        assumeTrue(LinearKernels.VECTORIZED, "JVM started without --add-modules jdk.incubator.vector");
    }

    @Test
    void multiplyAddAddsTheStridedMatrixTimesTheBlockToWhatIsThere() {
        Random random = new Random(3);
        for (int rows : SIZES) {
            for (int count : SIZES) {
                int ks = 1 + random.nextInt(40);
                boolean transposed = random.nextBoolean();
                int base = random.nextInt(5);
                int strideR = transposed ? 1 : ks;
                int strideK = transposed ? rows : 1;
                float[] m = gaussian(random, base + rows * ks);
                float[] src = gaussian(random, ks * count);
                float[] dst = gaussian(random, rows * count);
                double[] expected = new double[rows * count];
                for (int r = 0; r < rows; r++) {
                    for (int b = 0; b < count; b++) {
                        double sum = dst[r * count + b];
                        for (int k = 0; k < ks; k++) {
                            sum += (double) m[base + r * strideR + k * strideK] * src[k * count + b];
                        }
                        expected[r * count + b] = sum;
                    }
                }
                VectorMlpKernels.multiplyAdd(m, base, strideR, strideK, rows, ks, src, count, dst);
                for (int i = 0; i < expected.length; i++) {
                    assertThat((double) dst[i]).as("rows %d, count %d, ks %d, element %d", rows, count, ks, i)
                            .isCloseTo(expected[i], within(1e-4 * (1 + Math.abs(expected[i]))));
                }
            }
        }
    }

    @Test
    void addOuterProductsAddsEachSlopeTimesItsInputRowToTheGradient() {
        Random random = new Random(5);
        for (int out : SIZES) {
            for (int in : SIZES) {
                int count = 1 + random.nextInt(64);
                float[] delta = gaussian(random, out * count);
                for (int i = 0; i < delta.length; i++) {
                    // ReLU slopes: about half are exactly zero
                    if (random.nextBoolean()) {
                        delta[i] = 0f;
                    }
                }
                int rowsInX = count + 3;
                float[] x = gaussian(random, rowsInX * in);
                int[] rowStart = new int[count];
                for (int b = 0; b < count; b++) {
                    rowStart[b] = random.nextInt(rowsInX) * in;
                }
                int base = random.nextInt(4);
                float[] g = gaussian(random, base + out * in);
                double[] expected = new double[g.length];
                for (int i = 0; i < g.length; i++) {
                    expected[i] = g[i];
                }
                for (int j = 0; j < out; j++) {
                    for (int i = 0; i < in; i++) {
                        for (int b = 0; b < count; b++) {
                            expected[base + j * in + i] += (double) delta[j * count + b] * x[rowStart[b] + i];
                        }
                    }
                }
                VectorMlpKernels.addOuterProducts(delta, count, out, x, rowStart, in, g, base);
                for (int i = 0; i < g.length; i++) {
                    assertThat((double) g[i]).as("out %d, in %d, count %d, element %d", out, in, count, i)
                            .isCloseTo(expected[i], within(1e-4 * (1 + Math.abs(expected[i]))));
                }
            }
        }
    }

    private static float[] gaussian(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
