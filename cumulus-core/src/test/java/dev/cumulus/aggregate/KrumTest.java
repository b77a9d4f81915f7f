package dev.cumulus.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Krum and Multi-Krum against brute-forced scores. */
class KrumTest {

    @Test
    void paperKrumPicksX3OnFixtureF() {
        // k = n - f - 2 = 2: scores (13, 18, 10, 12, 146).
        assertThat(new Krum(1).aggregate(Fixtures.f())).containsExactly(3f, 0f);
    }

    @Test
    void byzflKrumWithOneMoreNeighbourPicksX1OnFixtureF() {
        // k = n - f - 1 = 3: scores (23, 35, 27, 25, 274).
        assertThat(new Krum(1, 1).aggregate(Fixtures.f())).containsExactly(1f, 2f);
    }

    @Test
    void multiKrumOfTheNMinusFBestIsTheHonestMeanOnFixtureF() {
        assertThat(new MultiKrum(1).aggregate(Fixtures.f())).containsExactly(new float[] {2.5f, 1.75f}, within(1e-6f));
    }

    @Test
    void multiKrumOfTheTwoBestAveragesX3AndX4OnFixtureF() {
        assertThat(new MultiKrum(1, 2, 2).aggregate(Fixtures.f())).containsExactly(new float[] {3.5f, 0.5f}, within(1e-6f));
    }

    @Test
    void krumNeedsTwiceFPlusThreeInputs() {
        float[][] six = Fixtures.random(1, 6, 3, 1);
        assertThatThrownBy(() -> new Krum(2).aggregate(six))
                .isInstanceOf(TooFewInputsException.class).hasMessage("krum needs n >= 2f + 3; got n = 6, f = 2");
        assertThatThrownBy(() -> new MultiKrum(2).aggregate(six))
                .hasMessage("multi-krum needs n >= 2f + 3; got n = 6, f = 2");
        assertThat(new Krum(2).precondition().minInputs()).isEqualTo(7);
    }

    @Test
    void aMutuallyNearestPairTiesAndTheSmallerVectorWinsWhateverTheOrder() {
        // f = 0, n = 3: k = 1, so x and y, each other's nearest, score the same.
        float[][] x = {{5, 0}, {0, 1}, {0, 1.5f}};
        assertThat(new Krum(0).aggregate(x)).containsExactly(0, 1);
        float[][] swapped = {{5, 0}, {0, 1.5f}, {0, 1}};
        assertThat(new Krum(0).aggregate(swapped)).containsExactly(0, 1);
    }

    @Test
    void onlyThePaperAndByzflNeighbourCountsAreAccepted() {
        assertThatThrownBy(() -> new Krum(1, 0)).hasMessage(
                "Invalid value 0 for krum.neighbourOffset: expected 1 (ByzFL, k = n - f - 1) or 2 (the paper, k = n - f - 2)");
    }

    @Test
    void multiKrumRefusesToSelectNothing() {
        assertThatThrownBy(() -> new MultiKrum(1, 2, 4).aggregate(Fixtures.f()))
                .hasMessage("multi-krum would select m = n - f - 4 = 0 inputs; got n = 5, f = 1");
    }

    @Test
    void equalVectorsTieToTheLowestIndex() {
        float[][] x = {{0}, {1}, {0}, {1}, {0}};
        assertThat(new Krum(1).select(x)).isZero();
    }

    @Property
    void krumPicksTheInputWithTheLowestBruteForceScore(@ForAll long seed,
                                                      @ForAll @IntRange(min = 0, max = 4) int f,
                                                      @ForAll @IntRange(min = 0, max = 6) int extra,
                                                      @ForAll @IntRange(min = 1, max = 2) int offset) {
        int n = 2 * f + 3 + extra;
        float[][] x = Fixtures.random(seed, n, 4, 10);
        double[] scores = bruteScores(x, n - f - offset);
        int best = 0;
        for (int i = 1; i < n; i++) {
            // Tied scores go to the lexicographically smaller vector.
            if (scores[i] < scores[best] || scores[i] == scores[best] && Arrays.compare(x[i], x[best]) < 0) {
                best = i;
            }
        }
        assertThat(new Krum(f, offset).aggregate(x)).containsExactly(x[best]);
    }

    @Property
    void multiKrumAveragesTheMInputsWithTheLowestBruteForceScores(@ForAll long seed,
                                                                 @ForAll @IntRange(min = 0, max = 4) int f,
                                                                 @ForAll @IntRange(min = 0, max = 6) int extra,
                                                                 @ForAll @IntRange(min = 0, max = 2) int selectedOffset) {
        int n = 2 * f + 3 + extra;
        float[][] x = Fixtures.random(seed, n, 4, 10);
        double[] scores = bruteScores(x, n - f - 2);
        int m = n - f - selectedOffset;
        long mask = 0;
        Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.<Integer>comparingDouble(i -> scores[i]).thenComparing((i, j) -> Arrays.compare(x[i], x[j]))).toArray(Integer[]::new);
        for (int r = 0; r < m; r++) {
            mask |= 1L << order[r];
        }
        assertThat(new MultiKrum(f, 2, selectedOffset).aggregate(x)).containsExactly(Fixtures.meanOfMask(x, mask), within(1e-5f));
    }

    /** Each input's sum of squared distances to its k nearest others, by sorting every row by hand. */
    static double[] bruteScores(float[][] x, int k) {
        double[] scores = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] others = new double[x.length - 1];
            int o = 0;
            for (int j = 0; j < x.length; j++) {
                if (j != i) {
                    others[o++] = Fixtures.squaredDistance(x[i], x[j]);
                }
            }
            Arrays.sort(others);
            for (int j = 0; j < k; j++) {
                scores[i] += others[j];
            }
        }
        return scores;
    }
}
