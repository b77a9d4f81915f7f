package dev.cumulus.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Mean, coordinate-wise median, trimmed mean and mean around the median. */
class CoordinateRulesTest {

    @Test
    void meanOfFixtureFIsPulledByTheByzantineInput() {
        assertThat(new Mean().aggregate(Fixtures.f())).containsExactly(new float[] {3.8f, 0.2f}, within(1e-6f));
    }

    @Test
    void medianOfFixtureFIsThreeOne() {
        assertThat(new CoordinateMedian(1).aggregate(Fixtures.f())).containsExactly(3f, 1f);
    }

    @Test
    void medianOfAnEvenCountAveragesTheTwoMiddleValues() {
        float[][] x = {{1}, {10}, {2}, {4}};
        assertThat(new CoordinateMedian(1).aggregate(x)).containsExactly(3f);
    }

    @Test
    void trimmedMeanOfFixtureFIsThreeOne() {
        assertThat(new TrimmedMean(1).aggregate(Fixtures.f())).containsExactly(new float[] {3f, 1f}, within(1e-6f));
    }

    @Test
    void trimmedMeanWithoutTrimmingIsTheMean() {
        assertThat(new TrimmedMean(0).aggregate(Fixtures.f())).containsExactly(new float[] {3.8f, 0.2f}, within(1e-6f));
    }

    @Test
    void meanAroundMedianOfFixtureFIsTheHonestMean() {
        assertThat(new MeanAroundMedian(1).aggregate(Fixtures.f())).containsExactly(new float[] {2.5f, 1.75f}, within(1e-6f));
    }

    @Test
    void coordinateRulesNeedMoreThanTwiceFInputs() {
        float[][] four = Arrays.copyOf(Fixtures.f(), 4);
        assertThatThrownBy(() -> new CoordinateMedian(2).aggregate(four))
                .isInstanceOf(TooFewInputsException.class).hasMessage("median needs n >= 2f + 1; got n = 4, f = 2");
        assertThatThrownBy(() -> new TrimmedMean(2).aggregate(four))
                .hasMessage("trimmed-mean needs n >= 2f + 1; got n = 4, f = 2");
        assertThatThrownBy(() -> new MeanAroundMedian(2).aggregate(four))
                .hasMessage("meamed needs n >= 2f + 1; got n = 4, f = 2");
    }

    @Test
    void raggedInputsAreRejectedNamingTheRow() {
        float[][] x = {{1, 2}, {3, 4}, {5}};
        assertThatThrownBy(() -> new CoordinateMedian(1).aggregate(x))
                .hasMessage("median: input 2 has length 1, expected 2 (the length of input 0)");
    }

    @Property
    void medianAndTrimmedMeanMatchAHandSortOfEachCoordinate(@ForAll long seed,
                                                           @ForAll @IntRange(min = 1, max = 12) int n,
                                                           @ForAll @IntRange(min = 1, max = 5) int d) {
        int f = (n - 1) / 2;
        float[][] x = Fixtures.random(seed, n, d, 100);
        float[] median = new CoordinateMedian(f).aggregate(x);
        float[] trimmed = new TrimmedMean(f).aggregate(x);
        for (int k = 0; k < d; k++) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = x[i][k];
            }
            insertionSort(column);
            double expectedMedian = n % 2 == 1 ? column[n / 2] : 0.5 * (column[n / 2 - 1] + column[n / 2]);
            double sum = 0;
            for (int i = f; i < n - f; i++) {
                sum += column[i];
            }
            assertThat((double) median[k]).isCloseTo(expectedMedian, within(1e-4));
            assertThat((double) trimmed[k]).isCloseTo(sum / (n - 2 * f), within(1e-4));
        }
    }

    @Property
    void meanAroundMedianAveragesTheValuesNearestTheMedian(@ForAll long seed,
                                                          @ForAll @IntRange(min = 1, max = 12) int n,
                                                          @ForAll @IntRange(min = 0, max = 5) int f) {
        if (n <= 2 * f) {
            return;
        }
        float[][] x = Fixtures.random(seed, n, 3, 100);
        float[] out = new MeanAroundMedian(f).aggregate(x);
        for (int k = 0; k < 3; k++) {
            Double[] column = new Double[n];
            for (int i = 0; i < n; i++) {
                column[i] = (double) x[i][k];
            }
            double[] sorted = Arrays.stream(column).mapToDouble(Double::doubleValue).sorted().toArray();
            double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            Arrays.sort(column, Comparator.comparingDouble((Double v) -> Math.abs(v - median)).thenComparingDouble(v -> v));
            double sum = 0;
            for (int i = 0; i < n - f; i++) {
                sum += column[i];
            }
            assertThat((double) out[k]).isCloseTo(sum / (n - f), within(1e-4));
        }
    }

    private static void insertionSort(double[] a) {
        for (int i = 1; i < a.length; i++) {
            double v = a[i];
            int j = i - 1;
            while (j >= 0 && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }
}
