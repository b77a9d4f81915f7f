package dev.cumulus.coding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class CodeProperties {

    @Property(tries = 60)
    void decodesExactlyAtTheTriggerForAnyRegularAssignmentOrderAndInterleaving(
            @ForAll @IntRange(min = 3, max = 14) int workers, @ForAll @IntRange(min = 1, max = 5) int loadWish,
            @ForAll @IntRange(min = 1, max = 5) int partsWish, @ForAll long seed) {
        int load = Math.min(loadWish, workers);
        int parts = Math.min(partsWish, load);
        Assignment a = Assignment.randomRegular(workers, load, seed);
        ChunkOrder order = ChunkOrder.random(a, seed + 1);
        PartialStragglerCode code = PartialStragglerCode.of(order, parts, seed + 2);
        Random random = new Random(seed);
        CoverageTracker tracker = new CoverageTracker(order, parts);
        while (!tracker.complete()) {
            int j = random.nextInt(workers);
            if (tracker.finished(j) < load) {
                tracker.recordNextChunk(j);
            }
        }
        double[][] g = PartialStragglerCodeTest.randomGradients(workers, 7, seed);
        double error = PartialStragglerCodeTest.relativeError(
                PartialStragglerCodeTest.roundTrip(code, tracker.state(), g), PartialStragglerCodeTest.trueSum(g));
        assertThat(error).isLessThanOrEqualTo(1e-9);
    }

    @Property(tries = 60)
    void noOrderBeatsTheBoundAndTheMatchingOrderMeetsIt(
            @ForAll @IntRange(min = 2, max = 30) int workers, @ForAll @IntRange(min = 1, max = 6) int loadWish,
            @ForAll @IntRange(min = 1, max = 6) int partsWish, @ForAll long seed) {
        int load = Math.min(loadWish, workers);
        int parts = Math.min(partsWish, load);
        Assignment a = Assignment.randomRegular(workers, load, seed);
        int bound = ChunkOrder.qMaxLowerBound(workers, load, parts);
        assertThat(ChunkOrder.random(a, seed).qMax(parts)).isGreaterThanOrEqualTo(bound);
        assertThat(ChunkOrder.sortedByIndex(a).qMax(parts)).isGreaterThanOrEqualTo(bound);
        assertThat(ChunkOrder.optimal(a).qMax(parts)).isEqualTo(bound);
    }
}
