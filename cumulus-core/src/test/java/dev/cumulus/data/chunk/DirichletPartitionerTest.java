package dev.cumulus.data.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.data.Dataset;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DirichletPartitionerTest {

    @Property(tries = 300)
    void everyRowGoesToExactlyOnePeer(@ForAll @IntRange(min = 0, max = 500) int rows,
                                      @ForAll @IntRange(min = 1, max = 8) int classes,
                                      @ForAll @IntRange(min = 1, max = 12) int peers,
                                      @ForAll @DoubleRange(min = 0.01, max = 1000) double alpha,
                                      @ForAll long seed) {
        int[] labels = new SplittableRandom(seed).ints(rows, 0, classes).toArray();
        int[][] parts = new DirichletPartitioner(peers, alpha, seed).rowIndices(labels, classes);
        assertThat(parts).hasNumberOfRows(peers);
        int[] all = Arrays.stream(parts).flatMapToInt(Arrays::stream).sorted().toArray();
        int[] expected = new int[rows];
        Arrays.setAll(expected, i -> i);
        assertThat(all).isEqualTo(expected);
        for (int[] part : parts) {
            assertThat(part).isSorted();
        }
    }

    @Test
    void veryLargeAlphaGivesEveryPeerAboutTheSameShareOfEveryClass() {
        int classes = 10;
        int peers = 5;
        int[] labels = balancedLabels(classes, 1000);
        double[][] shares = classShares(new DirichletPartitioner(peers, 1e5, 3).rowIndices(labels, classes), labels, classes);
        for (double[] perPeer : shares) {
            for (double share : perPeer) {
                assertThat(share).isCloseTo(1.0 / peers, within(0.02));
            }
        }
    }

    @Test
    void smallAlphaGivesEachClassMostlyToOnePeer() {
        int classes = 10;
        int peers = 5;
        int[] labels = balancedLabels(classes, 1000);
        double largestShareMean = meanLargestShare(new DirichletPartitioner(peers, 0.05, 3), labels, classes);
        double uniformLargestShareMean = meanLargestShare(new DirichletPartitioner(peers, 100, 3), labels, classes);
        assertThat(largestShareMean).isGreaterThan(0.75);
        assertThat(uniformLargestShareMean).isLessThan(0.3);
    }

    @Test
    void theSplitIsFixedByTheSeedAndDiffersAcrossSeeds() {
        int[] labels = balancedLabels(4, 50);
        int[][] a = new DirichletPartitioner(3, 0.5, 11).rowIndices(labels, 4);
        assertThat(new DirichletPartitioner(3, 0.5, 11).rowIndices(labels, 4)).isDeepEqualTo(a);
        assertThat(new DirichletPartitioner(3, 0.5, 12).rowIndices(labels, 4)).isNotEqualTo(a);
    }

    @Test
    void splitSelectsEachPeersRowsOfTheDataset() {
        Dataset data = RandomDatasets.make(60, 3, 3, false, 5);
        DirichletPartitioner partitioner = new DirichletPartitioner(4, 1, 9);
        List<Dataset> parts = partitioner.split(data);
        int[][] rows = partitioner.rowIndices(data.labels(), data.numClasses());
        for (int p = 0; p < 4; p++) {
            ChunkCodecTest.assertIdentical(parts.get(p), data.select(rows[p]));
        }
    }

    @Test
    void dirichletProportionsSumToOneAndAverageOneOverPeersEvenForTinyAlpha() {
        for (double alpha : new double[] {1e-3, 0.1, 1, 50}) {
            DirichletPartitioner partitioner = new DirichletPartitioner(4, alpha, 1);
            SplittableRandom random = new SplittableRandom(2);
            double[] mean = new double[4];
            int draws = 20_000;
            for (int t = 0; t < draws; t++) {
                double[] p = partitioner.dirichlet(random);
                assertThat(Arrays.stream(p).sum()).isCloseTo(1, within(1e-9));
                for (int i = 0; i < 4; i++) {
                    assertThat(p[i]).isBetween(0.0, 1.0);
                    mean[i] += p[i] / draws;
                }
            }
            for (double m : mean) {
                assertThat(m).as("alpha %s", alpha).isCloseTo(0.25, within(0.02));
            }
        }
    }

    @Test
    void gammaDrawsHaveMeanAndVarianceEqualToTheShape() {
        SplittableRandom random = new SplittableRandom(4);
        for (double shape : new double[] {0.3, 1, 2.5, 10}) {
            double sum = 0;
            double squares = 0;
            int draws = 100_000;
            for (int t = 0; t < draws; t++) {
                double x = Math.exp(GammaSampler.logSample(shape, random));
                sum += x;
                squares += x * x;
            }
            double mean = sum / draws;
            double variance = squares / draws - mean * mean;
            assertThat(mean).as("mean for shape %s", shape).isCloseTo(shape, within(0.03 * shape + 0.01));
            assertThat(variance).as("variance for shape %s", shape).isCloseTo(shape, within(0.06 * shape + 0.01));
        }
    }

    @Test
    void rejectsANonPositiveAlphaAndLabelsOutsideTheClasses() {
        assertThatThrownBy(() -> new DirichletPartitioner(3, 0, 1))
                .hasMessage("Invalid value 0.0 for dirichlet alpha: expected a finite value > 0");
        assertThatThrownBy(() -> new DirichletPartitioner(3, 1, 1).rowIndices(new int[] {0, 3}, 3))
                .hasMessage("label 3 at row 1 is outside [0, 3)");
    }

    private static int[] balancedLabels(int classes, int perClass) {
        int[] labels = new int[classes * perClass];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % classes;
        }
        return labels;
    }

    /** shares[c][p]: the fraction of class c's rows that peer p holds. */
    private static double[][] classShares(int[][] parts, int[] labels, int classes) {
        double[][] shares = new double[classes][parts.length];
        int[] classSizes = new int[classes];
        for (int y : labels) {
            classSizes[y]++;
        }
        for (int p = 0; p < parts.length; p++) {
            for (int row : parts[p]) {
                shares[labels[row]][p] += 1.0 / classSizes[labels[row]];
            }
        }
        return shares;
    }

    private static double meanLargestShare(DirichletPartitioner partitioner, int[] labels, int classes) {
        double[][] shares = classShares(partitioner.rowIndices(labels, classes), labels, classes);
        return Arrays.stream(shares).mapToDouble(s -> Arrays.stream(s).max().orElseThrow()).average().orElseThrow();
    }
}
