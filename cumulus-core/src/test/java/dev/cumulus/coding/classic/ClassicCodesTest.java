package dev.cumulus.coding.classic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassicCodesTest {

    /** Checks every straggler set of size at most s: the survivors decode the true sum. */
    private static int checkEveryStragglerSet(GradientCode code) {
        int n = code.assignment().workers();
        int s = code.stragglers();
        Random random = new Random(n * 31L + s);
        int d = 9;
        double[][] g = new double[n][d];
        double[] truth = new double[d];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < d; t++) {
                g[i][t] = random.nextGaussian();
                truth[t] += g[i][t];
            }
        }
        double[][] b = code.encodingMatrix();
        double[][] y = new double[n][d];
        for (int j = 0; j < n; j++) {
            for (int i : code.assignment().chunksOf(j)) {
                for (int t = 0; t < d; t++) {
                    y[j][t] += b[j][i] * g[i][t];
                }
            }
        }
        int checked = 0;
        for (int mask = 0; mask < (1 << n); mask++) {
            if (Integer.bitCount(mask) > s) {
                continue;
            }
            boolean[] finished = new boolean[n];
            for (int j = 0; j < n; j++) {
                finished[j] = (mask & (1 << j)) == 0;
            }
            Optional<double[]> a = code.decodingVector(finished);
            assertThat(a).as("stragglers %s", Integer.toBinaryString(mask)).isPresent();
            double num = 0;
            double den = 0;
            for (int t = 0; t < d; t++) {
                double est = 0;
                for (int j = 0; j < n; j++) {
                    if (a.get()[j] != 0) {
                        assertThat(finished[j]).isTrue();
                        est += a.get()[j] * y[j][t];
                    }
                }
                num += (est - truth[t]) * (est - truth[t]);
                den += truth[t] * truth[t];
            }
            assertThat(Math.sqrt(num / den)).isLessThanOrEqualTo(1e-9);
            checked++;
        }
        return checked;
    }

    @Test
    void fractionalRepetitionDecodesEveryStragglerSet() {
        assertThat(checkEveryStragglerSet(new FractionalRepetitionCode(6, 2))).isEqualTo(1 + 6 + 15);
    }

    @Test
    void cyclicRepetitionDecodesEveryStragglerSet() {
        assertThat(checkEveryStragglerSet(new CyclicRepetitionCode(7, 2, 1L))).isEqualTo(1 + 7 + 21);
        assertThat(checkEveryStragglerSet(new CyclicRepetitionCode(12, 3, 2L))).isEqualTo(1 + 12 + 66 + 220);
    }

    @Test
    void tooManyStragglersCannotDecode() {
        FractionalRepetitionCode frc = new FractionalRepetitionCode(6, 2);
        assertThat(frc.decodingVector(new boolean[] {false, false, false, true, true, true})).isEmpty();
        CyclicRepetitionCode crc = new CyclicRepetitionCode(7, 2, 1L);
        assertThat(crc.decodingVector(new boolean[] {true, false, false, false, true, true, true})).isEmpty();
    }

    @Test
    void floatEncodeAndDecodeRecoverTheSum() {
        CyclicRepetitionCode crc = new CyclicRepetitionCode(7, 2, 3L);
        Random random = new Random(5);
        float[][] g = new float[7][20];
        double[] truth = new double[20];
        for (int i = 0; i < 7; i++) {
            for (int t = 0; t < 20; t++) {
                g[i][t] = (float) random.nextGaussian();
                truth[t] += g[i][t];
            }
        }
        float[][] encoded = new float[7][];
        boolean[] finished = {true, true, false, true, true, false, true};
        for (int j = 0; j < 7; j++) {
            if (finished[j]) {
                int[] chunks = crc.assignment().chunksOf(j);
                float[][] mine = new float[chunks.length][];
                for (int p = 0; p < chunks.length; p++) {
                    mine[p] = g[chunks[p]];
                }
                encoded[j] = crc.encode(j, mine);
            }
        }
        float[] decoded = crc.decode(encoded, crc.decodingVector(finished).orElseThrow());
        for (int t = 0; t < 20; t++) {
            assertThat((double) decoded[t]).isCloseTo(truth[t], org.assertj.core.data.Offset.offset(1e-4 * 7));
        }
    }

    @Test
    void ignoringStragglersSumsWhatArrivedAndLosesTheirChunks() {
        IgnoreStragglers ignore = IgnoreStragglers.uncoded(10, 4);
        float[][] g = new float[10][3];
        for (int i = 0; i < 10; i++) {
            g[i] = new float[] {i, 1, -i};
        }
        boolean[] finished = {true, false, true, true};
        float[][] encoded = new float[4][];
        double[] expected = new double[3];
        for (int j = 0; j < 4; j++) {
            int[] chunks = ignore.assignment().chunksOf(j);
            float[][] mine = new float[chunks.length][];
            for (int p = 0; p < chunks.length; p++) {
                mine[p] = g[chunks[p]];
                if (finished[j]) {
                    for (int t = 0; t < 3; t++) {
                        expected[t] += g[chunks[p]][t];
                    }
                }
            }
            if (finished[j]) {
                encoded[j] = ignore.encode(j, mine);
            }
        }
        float[] sum = ignore.decode(encoded, 3);
        for (int t = 0; t < 3; t++) {
            assertThat((double) sum[t]).isEqualTo(expected[t]);
        }
        int lost = ignore.assignment().load(1);
        assertThat(ignore.normalisedError(finished)).isEqualTo(lost / 10.0);
        assertThat(ignore.normalisedError(new boolean[] {true, true, true, true})).isZero();
    }

    @Test
    void ignoringStragglersRejectsRedundantAssignments() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new IgnoreStragglers(dev.cumulus.coding.Assignment.cyclic(5, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one worker");
    }
}
