package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.aggregate.AggregatorSpec;
import org.junit.jupiter.api.Test;

/** An honest peer's step from the round's messages: malformed ones dropped and counted, the rule on the rest. */
class GradientCombinerTest {
    private static float[] message(float... gradientAndLoss) {
        float[] m = new float[gradientAndLoss.length + 1];
        System.arraycopy(gradientAndLoss, 0, m, 0, gradientAndLoss.length);
        m[gradientAndLoss.length] = 1;
        return m;
    }

    @Test
    void dropsNanInfiniteAndWrongLengthMessagesAndAveragesTheRest() {
        GradientCombiner combiner = new GradientCombiner(AggregatorSpec.of("mean", 0), 2);
        GradientCombiner.Combined c = combiner.combine(new float[][] {
                message(1, 2, 0.5f), message(Float.NaN, 0, 9), message(3, 6, 1.5f), new float[] {1, 1}, message(0, Float.POSITIVE_INFINITY, 1)});

        assertThat(c.gradient()).containsExactly(2, 4);
        assertThat(c.meanLoss()).isCloseTo(1.0, within(1e-9));
        assertThat(c.droppedIndices()).containsExactly(1, 3, 4);
        assertThat(c.fallback()).isNull();
    }

    @Test
    void aRuleThatNoLongerHoldsAfterDropsIsDeclaredForTheByzantinePeersLeft() {
        // Krum with f = 1 needs 5 inputs; after one NaN is dropped 4 remain, and with f = 0 Krum needs 3.
        GradientCombiner combiner = new GradientCombiner(AggregatorSpec.of("krum", 1), 1);
        GradientCombiner.Combined c = combiner.combine(new float[][] {
                message(1, 0), message(2, 0), message(Float.NaN, 0), message(2.2f, 0), message(9, 0)});

        // f = 0, k = n - 2 = 2 nearest: scores 1:(1+1.44) 2:(1+0.04) 2.2:(1.44+0.04) 9:(46.24+49); 2 wins.
        assertThat(c.gradient()).containsExactly(2);
        assertThat(c.droppedIndices()).containsExactly(2);
        assertThat(c.fallback()).contains("declared for f = 0 after dropping 1");
    }

    @Test
    void fallsBackToTheMeanWhenEvenTheLoweredRuleCannotRun() {
        GradientCombiner combiner = new GradientCombiner(AggregatorSpec.of("krum", 1), 1);
        GradientCombiner.Combined c = combiner.combine(new float[][] {message(1, 0), message(3, 0), message(5, 0)});

        assertThat(c.gradient()).containsExactly(3);
        assertThat(c.fallback()).contains("by their mean");
    }
}
