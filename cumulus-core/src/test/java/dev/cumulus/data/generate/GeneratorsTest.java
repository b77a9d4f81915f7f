package dev.cumulus.data.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.data.Dataset;
import dev.cumulus.data.DenseFeatures;
import dev.cumulus.data.SparseFeatures;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GeneratorsTest {

    static Stream<Generator> generators() {
        return Stream.of(new HiggsLike(), new Rcv1Like(), new Blobs(4, 3, 1.0));
    }

    private static void assertSameData(Dataset a, Dataset b) {
        assertThat(a.labels()).isEqualTo(b.labels());
        assertThat(a.numClasses()).isEqualTo(b.numClasses());
        if (a.features() instanceof SparseFeatures sa) {
            SparseFeatures sb = (SparseFeatures) b.features();
            assertThat(sa.rowStart()).isEqualTo(sb.rowStart());
            assertThat(sa.indices()).isEqualTo(sb.indices());
            assertThat(sa.values()).isEqualTo(sb.values());
        } else {
            assertThat(((DenseFeatures) a.features()).values()).isEqualTo(((DenseFeatures) b.features()).values());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generators")
    void sameSeedGivesSameRowsAndDifferentSeedDifferentRows(Generator g) {
        Dataset a = g.generate(9000, 7);
        Dataset b = g.generate(9000, 7);
        assertSameData(a, b);
        Dataset c = g.generate(9000, 8);
        assertThat(c.labels()).isNotEqualTo(a.labels());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generators")
    void aSmallerRequestIsAPrefixOfALargerOne(Generator g) {
        Dataset large = g.generate(10_000, 3);
        Dataset small = g.generate(5_000, 3);
        assertSameData(large.slice(0, 5_000), small);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generators")
    void generatesZeroRows(Generator g) {
        assertThat(g.generate(0, 1).rows()).isZero();
    }

    @Test
    void higgsLikeHasHiggsShapeAndBalance() {
        Dataset d = new HiggsLike().generate(20_000, 1);
        assertThat(d.cols()).isEqualTo(28);
        assertThat(d.numClasses()).isEqualTo(2);
        double positives = java.util.Arrays.stream(d.labels()).average().orElseThrow();
        assertThat(positives).isCloseTo(0.53, within(0.02));
        for (int j = 0; j < 21; j += 3) {
            assertThat(d.features().get(0, j)).as("momentum-like feature %d is positive", j).isPositive();
        }
    }

    @Test
    void higgsLikeIsLearnableToHiggsLikeAccuracyByLogisticRegression() {
        HiggsLike g = new HiggsLike();
        double accuracy = LogisticProbe.accuracy(g.generate(20_000, 11), g.generate(10_000, 12), 4, 0.05f);
        assertThat(accuracy).isBetween(0.60, 0.75);
    }

    @Test
    void rcv1LikeHasRcv1SparsityAndUnitRows() {
        Dataset d = new Rcv1Like().generate(5_000, 2);
        SparseFeatures s = (SparseFeatures) d.features();
        assertThat(d.cols()).isEqualTo(47_236);
        double meanNnz = (double) s.nonZeros() / d.rows();
        assertThat(meanNnz).isCloseTo(75, within(2.0));
        assertThat(meanNnz / d.cols()).isCloseTo(0.0016, within(0.0001));
        for (int r = 0; r < d.rows(); r++) {
            double norm2 = 0;
            int previous = -1;
            for (int p = s.rowStart()[r]; p < s.rowStart()[r + 1]; p++) {
                assertThat(s.indices()[p]).isGreaterThan(previous).isLessThan(d.cols());
                assertThat(s.values()[p]).isPositive();
                previous = s.indices()[p];
                norm2 += s.values()[p] * s.values()[p];
            }
            assertThat(norm2).isCloseTo(1.0, within(1e-5));
        }
        double positives = java.util.Arrays.stream(d.labels()).average().orElseThrow();
        assertThat(positives).isCloseTo(0.5, within(0.03));
    }

    @Test
    void rcv1LikeIsNearlyButNotPerfectlySeparable() {
        Rcv1Like g = new Rcv1Like();
        double accuracy = LogisticProbe.accuracy(g.generate(20_000, 21), g.generate(5_000, 22), 5, 0.5f);
        assertThat(accuracy).isBetween(0.88, 0.985);
    }

    @Test
    void blobsClustersCentreOnTheirCentresWithTheGivenSpread() {
        Blobs g = new Blobs(3, 2, 0.5);
        Dataset d = g.generate(30_000, 5);
        double[] centres = g.centres(5);
        double[][] sum = new double[3][2];
        double[][] sumSq = new double[3][2];
        int[] count = new int[3];
        for (int r = 0; r < d.rows(); r++) {
            int c = d.labels()[r];
            count[c]++;
            for (int j = 0; j < 2; j++) {
                double v = d.features().get(r, j) - centres[c * 2 + j];
                sum[c][j] += v;
                sumSq[c][j] += v * v;
            }
        }
        for (int c = 0; c < 3; c++) {
            assertThat(count[c]).isCloseTo(10_000, within(400));
            for (int j = 0; j < 2; j++) {
                assertThat(sum[c][j] / count[c]).isCloseTo(0, within(0.03));
                assertThat(Math.sqrt(sumSq[c][j] / count[c])).isCloseTo(0.5, within(0.02));
            }
        }
        assertThat(d.numClasses()).isEqualTo(3);
    }
}
