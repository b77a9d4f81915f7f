package dev.cumulus.engine.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A peer with a shard of unequal size cycles through it in full batches, one permutation after another. */
class CyclingBatchesTest {

    @Test
    void everyPeerTakesTheStepsOfTheMeanShardInFullBatches() {
        CyclingBatches small = new CyclingBatches(7, 1, 10, 100, 32);
        CyclingBatches large = new CyclingBatches(7, 2, 400, 100, 32);
        assertThat(small.stepsPerEpoch()).isEqualTo(4).isEqualTo(large.stepsPerEpoch());
        for (int step = 0; step < 4; step++) {
            assertThat(IntStream.of(small.rows(0, step)).boxed().toList()).hasSize(32).allMatch(r -> r >= 0 && r < 10);
            assertThat(IntStream.of(large.rows(0, step)).boxed().toList()).hasSize(32).allMatch(r -> r >= 0 && r < 400);
        }
    }

    @Test
    void eachRunOfShardRowsConsecutivePositionsVisitsEveryRowOnce() {
        CyclingBatches batches = new CyclingBatches(3, 0, 50, 120, 8);
        List<Integer> positions = new ArrayList<>();
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int step = 0; step < batches.stepsPerEpoch(); step++) {
                for (int r : batches.rows(epoch, step)) {
                    positions.add(r);
                }
            }
        }
        for (int cycle = 0; (cycle + 1) * 50 <= positions.size(); cycle++) {
            assertThat(positions.subList(cycle * 50, (cycle + 1) * 50)).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, 50).boxed().toList());
        }
        // Successive cycles are fresh permutations, not the same order again.
        assertThat(positions.subList(0, 50)).isNotEqualTo(positions.subList(50, 100));
    }

    @Test
    void theOrderIsFixedBySeedAndRank() {
        assertThat(new CyclingBatches(1, 0, 30, 30, 10).rows(2, 1)).isEqualTo(new CyclingBatches(1, 0, 30, 30, 10).rows(2, 1));
        assertThat(new CyclingBatches(1, 0, 30, 30, 10).rows(0, 0)).isNotEqualTo(new CyclingBatches(1, 1, 30, 30, 10).rows(0, 0));
    }
}
