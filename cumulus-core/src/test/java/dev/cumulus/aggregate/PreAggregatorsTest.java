package dev.cumulus.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** NNM, bucketing, static clipping and ARC on the worked examples, and chains of them. */
class PreAggregatorsTest {

    @Test
    void mixingReplacesEachInputByTheMeanOfItsNearestNMinusF() {
        float[][] mixed = new NearestNeighbourMixing(1).apply(Fixtures.f());
        for (int i = 0; i < 4; i++) {
            assertThat(mixed[i]).containsExactly(new float[] {2.5f, 1.75f}, within(1e-6f));
        }
        assertThat(mixed[4]).containsExactly(new float[] {4.25f, -0.75f}, within(1e-6f));
    }

    @Test
    void mixingThenMedianOrTrimmedMeanGivesTheHonestMeanOnFixtureF() {
        List<PreAggregator> nnm = List.of(new NearestNeighbourMixing(1));
        assertThat(new ComposedAggregator(nnm, new CoordinateMedian(1)).aggregate(Fixtures.f()))
                .containsExactly(new float[] {2.5f, 1.75f}, within(1e-6f));
        assertThat(new ComposedAggregator(nnm, new TrimmedMean(1)).aggregate(Fixtures.f()))
                .containsExactly(new float[] {2.5f, 1.75f}, within(1e-6f));
    }

    @Test
    void bucketsAreMeansOfConsecutivePairsWithTheLeftoverLast() {
        float[][] buckets = Bucketing.bucketMeans(Fixtures.f(), new int[] {4, 0, 1, 2, 3}, 2);
        assertThat(buckets).hasNumberOfRows(3);
        assertThat(buckets[0]).containsExactly(5f, -2f);
        assertThat(buckets[1]).containsExactly(2.5f, 2f);
        assertThat(buckets[2]).containsExactly(4f, 1f);
        assertThat(new CoordinateMedian(1).aggregate(buckets)).containsExactly(4f, 1f);
    }

    @Test
    void bucketingIsFixedByItsSeedAndMovesOnBetweenCalls() {
        float[][] x = Fixtures.random(5, 9, 3, 1);
        Bucketing a = new Bucketing(2, 42);
        Bucketing b = new Bucketing(2, 42);
        float[][] first = a.apply(x);
        assertThat(b.apply(x)).isDeepEqualTo(first);
        assertThat(first).hasNumberOfRows(5);
        boolean changed = false;
        for (int call = 0; call < 5 && !changed; call++) {
            changed = !Arrays.deepEquals(a.apply(x), first);
        }
        assertThat(changed).isTrue();
    }

    @Test
    void aChainWithBucketingNeedsEnoughInputsForTheBucketsToSatisfyTheRule() {
        ComposedAggregator chain = new ComposedAggregator(List.of(new Bucketing(2, 1)), new Krum(1));
        assertThat(chain.precondition().minInputs()).isEqualTo(9);
        assertThatThrownBy(() -> chain.aggregate(Fixtures.random(1, 8, 2, 1)))
                .isInstanceOf(TooFewInputsException.class)
                .hasMessage("bucketing then krum needs n >= 9 (bucketing n >= 1, krum n >= 2f + 3 on what reaches it); got n = 8, f = 1");
        assertThat(chain.aggregate(Fixtures.random(1, 9, 2, 1))).hasSize(2);
    }

    @Test
    void staticClippingShrinksOnlyInputsLongerThanTheThreshold() {
        float[][] x = Fixtures.f();
        float[][] clipped = new StaticClipping(5).apply(x);
        for (int i = 0; i < 4; i++) {
            assertThat(clipped[i]).containsExactly(x[i]);
        }
        assertThat(clipped[4]).containsExactly(new float[] {4.160251f, -2.773501f}, within(1e-5f));
        assertThat(x[4]).containsExactly(9f, -6f);
        assertThat(new StaticClipping(1).apply(new float[][] {{0, 0}})[0]).containsExactly(0f, 0f);
    }

    @Test
    void adaptiveClippingClipsTheLargestToTheNextLargestNorm() {
        float[][] x = Fixtures.f();
        float[][] clipped = new AdaptiveRobustClipping(1).apply(x);
        assertThat(clipped[4]).containsExactly(new float[] {3.721042f, -2.480695f}, within(1e-5f));
        for (int i = 0; i < 4; i++) {
            assertThat(clipped[i]).containsExactly(x[i]);
        }
        assertThat(new ComposedAggregator(List.of(new AdaptiveRobustClipping(1)), new Mean()).aggregate(x))
                .containsExactly(new float[] {2.744208f, 0.903861f}, within(1e-5f));
    }

    @Test
    void adaptiveClippingWithoutByzantineInputsChangesNothing() {
        float[][] x = Fixtures.f();
        assertThat(new AdaptiveRobustClipping(0).apply(x)).isDeepEqualTo(x);
    }

    @Test
    void mixingNeedsMoreThanTwiceFInputs() {
        assertThatThrownBy(() -> new NearestNeighbourMixing(3).apply(Fixtures.f()))
                .hasMessage("nnm needs n >= 2f + 1; got n = 5, f = 3");
    }
}
