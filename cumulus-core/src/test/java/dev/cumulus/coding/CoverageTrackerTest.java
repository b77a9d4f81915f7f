package dev.cumulus.coding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CoverageTrackerTest {

    @Test
    void trackerAgreesWithCoverageRecomputedFromTheStateAfterEveryReport() {
        Assignment a = Assignment.randomRegular(15, 4, 2L);
        ChunkOrder order = ChunkOrder.random(a, 3L);
        Random random = new Random(4);
        for (int parts = 1; parts <= 4; parts++) {
            CoverageTracker tracker = new CoverageTracker(order, parts);
            PartialStragglerCode code = PartialStragglerCode.of(order, parts, 8L);
            int remaining = 60;
            while (remaining > 0) {
                int j = random.nextInt(15);
                if (tracker.finished(j) == 4) {
                    continue;
                }
                tracker.recordNextChunk(j);
                remaining--;
                StateVector x = tracker.state();
                Coverage coverage = Coverage.of(order, x);
                assertThat(tracker.complete()).isEqualTo(coverage.coversAll(parts));
                assertThat(tracker.deficit()).isEqualTo(coverage.deficit(parts));
                assertThat(tracker.normalisedError())
                        .isEqualTo(PartialStragglerCode.normalisedErrorFromCoverage(coverage.counts(), parts));
                if (remaining % 10 == 0) {
                    assertThat(code.normalisedError(x)).isCloseTo(tracker.normalisedError(),
                            org.assertj.core.data.Offset.offset(1e-9));
                }
            }
            assertThat(tracker.complete()).isTrue();
        }
    }
}
