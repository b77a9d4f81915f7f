package dev.cumulus.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GeometricMedianTest {

    @Test
    void byzflDefaultsGiveTheWorkedValueOnFixtureF() {
        assertThat(GeometricMedian.byzfl().aggregate(Fixtures.f()))
                .containsExactly(new float[] {3.171830f, 0.850052f}, within(1e-5f));
    }

    @Test
    void convergesToTheWorkedValueOnFixtureF() {
        assertThat(new GeometricMedian(0.1, 10_000, 1e-12).aggregate(Fixtures.f()))
                .containsExactly(new float[] {3.286156f, 0.774569f}, within(1e-5f));
    }

    @Property(tries = 50)
    void atConvergenceTheUnitVectorsTowardsTheInputsSumToAboutZero(@ForAll long seed,
                                                                   @ForAll @IntRange(min = 3, max = 9) int n) {
        float[][] x = Fixtures.random(seed, n, 2, 10);
        float[] z = new GeometricMedian(1e-9, 20_000, 1e-13).aggregate(x);
        double gx = 0;
        double gy = 0;
        boolean onInput = false;
        for (float[] p : x) {
            double r = Math.hypot(z[0] - p[0], z[1] - p[1]);
            if (r < 1e-4) {
                onInput = true;
                continue;
            }
            gx += (z[0] - p[0]) / r;
            gy += (z[1] - p[1]) / r;
        }
        // On an input, optimality only asks that the other inputs' pull is at most 1.
        assertThat(Math.hypot(gx, gy)).isLessThan(onInput ? 1 + 1e-2 : 1e-2);
    }

    @Property(tries = 50)
    void convergedValueIsNoWorseThanAnyPointOfAFineGrid(@ForAll long seed, @ForAll @IntRange(min = 2, max = 7) int n) {
        float[][] x = Fixtures.random(seed, n, 2, 5);
        float[] z = new GeometricMedian(1e-9, 20_000, 1e-13).aggregate(x);
        double best = Double.MAX_VALUE;
        for (double a = -5; a <= 5; a += 0.05) {
            for (double b = -5; b <= 5; b += 0.05) {
                best = Math.min(best, objective(x, a, b));
            }
        }
        assertThat(objective(x, z[0], z[1])).isLessThanOrEqualTo(best + 1e-4);
    }

    @Test
    void rejectsANonPositiveSmoothing() {
        assertThatThrownBy(() -> new GeometricMedian(0, 3, 0))
                .hasMessage("Invalid value 0.0 for geomed.nu: expected a finite value > 0");
    }

    private static double objective(float[][] x, double a, double b) {
        double sum = 0;
        for (float[] p : x) {
            sum += Math.hypot(a - p[0], b - p[1]);
        }
        return sum;
    }
}
