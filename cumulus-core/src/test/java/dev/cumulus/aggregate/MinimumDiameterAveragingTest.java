package dev.cumulus.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MinimumDiameterAveragingTest {

    @Test
    void keepsTheFourHonestInputsOfFixtureF() {
        assertThat(new MinimumDiameterAveraging(1).aggregate(Fixtures.f()))
                .containsExactly(new float[] {2.5f, 1.75f}, within(1e-6f));
    }

    @Property
    void averagesTheSubsetOfSmallestDiameterThenSpreadThatABruteForceSearchFinds(@ForAll long seed,
                                                        @ForAll @IntRange(min = 1, max = 11) int n,
                                                        @ForAll @IntRange(min = 0, max = 5) int f) {
        if (n <= 2 * f) {
            return;
        }
        float[][] x = Fixtures.random(seed, n, 3, 10);
        long bestMask = -1;
        double bestDiameter = Double.MAX_VALUE;
        double bestSpread = Double.MAX_VALUE;
        for (long mask = 0; mask < 1L << n; mask++) {
            if (Long.bitCount(mask) != n - f) {
                continue;
            }
            double diameter = 0;
            double spread = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if ((mask >>> i & 1) != 0 && (mask >>> j & 1) != 0) {
                        diameter = Math.max(diameter, Fixtures.squaredDistance(x[i], x[j]));
                        spread += Fixtures.squaredDistance(x[i], x[j]);
                    }
                }
            }
            if (diameter < bestDiameter || diameter == bestDiameter && spread < bestSpread) {
                bestDiameter = diameter;
                bestSpread = spread;
                bestMask = mask;
            }
        }
        assertThat(new MinimumDiameterAveraging(f).aggregate(x)).containsExactly(Fixtures.meanOfMask(x, bestMask), within(1e-5f));
    }

    @Test
    void refusesASearchLargerThanItsLimitNamingNAndF() {
        float[][] x = Fixtures.random(3, 30, 2, 1);
        assertThatThrownBy(() -> new MinimumDiameterAveraging(10).aggregate(x))
                .hasMessage("mda would search C(30, 10) = 30045015 subsets, more than its limit of 1000000; got n = 30, f = 10"
                        + " (lower f, use fewer peers, or raise maxSubsets)");
    }

    @Test
    void needsMoreThanTwiceFInputs() {
        assertThatThrownBy(() -> new MinimumDiameterAveraging(3).aggregate(Fixtures.f()))
                .hasMessage("mda needs n >= 2f + 1; got n = 5, f = 3");
    }

    @Test
    void binomialSaturatesInsteadOfOverflowing() {
        assertThat(Subsets.binomial(30, 10)).isEqualTo(30045015L);
        assertThat(Subsets.binomial(5, 0)).isEqualTo(1L);
        assertThat(Subsets.binomial(200, 100)).isEqualTo(Long.MAX_VALUE);
    }
}
