package dev.cumulus.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Comparator;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MonnaTest {

    @Test
    void averagesTheFourInputsNearestX1OnFixtureF() {
        assertThat(new Monna(1, 0).aggregate(Fixtures.f())).containsExactly(new float[] {2.5f, 1.75f}, within(1e-6f));
    }

    @Property
    void averagesTheNMinusFInputsNearestTheTrustedOne(@ForAll long seed,
                                                     @ForAll @IntRange(min = 1, max = 10) int n,
                                                     @ForAll @IntRange(min = 0, max = 4) int f,
                                                     @ForAll @IntRange(min = 0, max = 9) int trusted) {
        if (n <= 2 * f || trusted >= n) {
            return;
        }
        float[][] x = Fixtures.random(seed, n, 3, 10);
        int[] nearest = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble(i -> Fixtures.squaredDistance(x[i], x[trusted])))
                .mapToInt(Integer::intValue).limit(n - f).toArray();
        long mask = 0;
        for (int i : nearest) {
            mask |= 1L << i;
        }
        assertThat(mask >>> trusted & 1).isEqualTo(1L);
        assertThat(new Monna(f, trusted).aggregate(x)).containsExactly(Fixtures.meanOfMask(x, mask), within(1e-5f));
    }

    @Test
    void aTrustedIndexBeyondTheInputsIsAnError() {
        assertThatThrownBy(() -> new Monna(1, 5).aggregate(Fixtures.f()))
                .hasMessage("monna: trustedIndex 5 is out of range for n = 5");
    }
}
