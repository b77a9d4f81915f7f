package dev.cumulus.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LabelMapProperties {

    @Property(tries = 500)
    void distinctLabelsAreTheSortedSetOfTheValues(@ForAll("labels") int[] labels) {
        assertThat(LabelMap.sortedDistinct(labels)).isEqualTo(Arrays.stream(labels).distinct().sorted().toArray());
    }

    @Provide
    Arbitrary<int[]> labels() {
        // Narrow ranges (the array over the range), ranges past its width (the sort), and the extremes.
        Arbitrary<Integer> narrow = Arbitraries.integers().between(-3, 12);
        Arbitrary<Integer> wide = Arbitraries.integers().between(-100_000, 100_000);
        Arbitrary<Integer> extreme = Arbitraries.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, 1);
        Arbitrary<Integer> nearTheWidth = Arbitraries.integers().between(0, 65_540);
        return Arbitraries.oneOf(narrow.array(int[].class).ofMaxSize(60), wide.array(int[].class).ofMaxSize(60),
                extreme.array(int[].class).ofMaxSize(10), nearTheWidth.array(int[].class).ofMaxSize(60));
    }
}
