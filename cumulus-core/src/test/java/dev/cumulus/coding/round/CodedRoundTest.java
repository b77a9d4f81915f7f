package dev.cumulus.coding.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.coding.Assignment;
import dev.cumulus.coding.ChunkOrder;
import dev.cumulus.coding.Coverage;
import dev.cumulus.coding.StateVector;
import dev.cumulus.coding.classic.CyclicRepetitionCode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CodedRoundTest {

    private static final ChunkOrder CYCLIC_12_4 = ChunkOrder.natural(Assignment.cyclic(12, 4));

    @Test
    void exactModeTriggersAtTheFirstEventAfterWhichEveryChunkHasPartsFinishers() {
        Random random = new Random(5);
        for (int parts = 1; parts <= 4; parts++) {
            PartialWork strategy = PartialWork.of(CYCLIC_12_4, parts);
            for (int trial = 0; trial < 20; trial++) {
                CodedRound round = new CodedRound(RoundConfig.exact(strategy));
                int[] x = new int[12];
                double time = 0;
                while (true) {
                    int j = random.nextInt(12);
                    if (x[j] == 4) {
                        continue;
                    }
                    x[j]++;
                    time += random.nextDouble();
                    boolean covered = Coverage.of(CYCLIC_12_4, StateVector.of(x)).min() >= parts;
                    assertThat(round.chunkFinished(j, x[j], time)).isEqualTo(covered);
                    if (covered) {
                        break;
                    }
                }
                assertThat(round.triggeredAt()).isEqualTo(time);
                assertThat(round.state()).isEqualTo(StateVector.of(x));
                assertThat(round.recoverable()).isTrue();
                assertThat(round.normalisedError()).isZero();
            }
        }
    }

    @Test
    void eventsAfterTheTriggerAreIgnoredAndTheBroadcastStateStaysFrozen() {
        CodedRound round = new CodedRound(RoundConfig.exact(PartialWork.of(CYCLIC_12_4, 1)));
        for (int j = 0; j < 12; j += 4) {
            round.chunkFinished(j, 4, 1.0);
        }
        assertThat(round.triggered()).isTrue();
        StateVector frozen = round.state();
        assertThat(round.chunkFinished(1, 3, 2.0)).isTrue();
        assertThat(round.workerFailed(0, 3.0)).isTrue();
        assertThat(round.state()).isEqualTo(frozen);
        assertThat(round.triggeredAt()).isEqualTo(1.0);
    }

    @Test
    void approximateModeTriggersAtTheDeadlineWithTheCoverageDeficitAsError() {
        CodedRound round = new CodedRound(RoundConfig.approximate(PartialWork.of(CYCLIC_12_4, 2), 5.0));
        round.chunkFinished(0, 2, 1.0);
        round.chunkFinished(1, 1, 2.0);
        assertThat(round.triggered()).isFalse();
        assertThat(round.deadlineReached(5.0)).isTrue();
        assertThat(round.triggeredAt()).isEqualTo(5.0);
        StateVector x = StateVector.of(2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        assertThat(round.state()).isEqualTo(x);
        int deficit = Coverage.of(CYCLIC_12_4, x).deficit(2);
        assertThat(round.normalisedError()).isEqualTo((double) deficit / (12 * 2));
        // The error equals what the pseudo-inverses actually leave.
        assertThat(round.normalisedError())
                .isCloseTo(PartialWork.of(CYCLIC_12_4, 2).code().normalisedError(x), offset(1e-12));
    }

    @Test
    void approximateModeTriggersBeforeTheDeadlineOnceRecoverable() {
        CodedRound round = new CodedRound(RoundConfig.approximate(PartialWork.of(CYCLIC_12_4, 1), 100.0));
        round.chunkFinished(0, 4, 1.0);
        round.chunkFinished(4, 4, 2.0);
        assertThat(round.chunkFinished(8, 4, 3.0)).isTrue();
        assertThat(round.triggeredAt()).isEqualTo(3.0);
        assertThat(round.deadlineReached(100.0)).isTrue();
        assertThat(round.triggeredAt()).isEqualTo(3.0);
    }

    @Test
    void staleReportsAreIgnoredAndCoalescedReportsCountEveryChunkInBetween() {
        CodedRound round = new CodedRound(RoundConfig.exact(PartialWork.of(CYCLIC_12_4, 2)));
        round.chunkFinished(3, 3, 1.0);
        round.chunkFinished(3, 1, 2.0);
        assertThat(round.reported(3)).isEqualTo(3);
        assertThat(round.state()).isEqualTo(StateVector.of(0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void aFailedWorkersChunksStopCountingAndItMayNotReportAgain() {
        CodedRound round = new CodedRound(RoundConfig.approximate(PartialWork.of(CYCLIC_12_4, 1), 10.0));
        round.chunkFinished(0, 4, 1.0);
        round.chunkFinished(4, 4, 1.0);
        round.chunkFinished(5, 3, 1.0);
        round.workerFailed(0, 2.0);
        assertThat(round.state()).isEqualTo(StateVector.of(0, 0, 0, 0, 4, 3, 0, 0, 0, 0, 0, 0));
        assertThat(round.normalisedError()).isEqualTo(Coverage.of(CYCLIC_12_4, round.state()).deficit(1) / 12.0);
        assertThatThrownBy(() -> round.chunkFinished(0, 4, 3.0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("worker 0").hasMessageContaining("failed");
        // Chunks 0..3 were lost with worker 0; workers 8, 9 and 1 complete the cover.
        round.chunkFinished(8, 4, 4.0);
        round.chunkFinished(9, 4, 4.5);
        assertThat(round.triggered()).isFalse();
        assertThat(round.chunkFinished(1, 3, 5.0)).isTrue();
    }

    @Test
    void rejectsEventsOutOfTimeOrderAndDeadlinesInExactModeOrTooEarly() {
        CodedRound exact = new CodedRound(RoundConfig.exact(PartialWork.of(CYCLIC_12_4, 1)));
        exact.chunkFinished(0, 1, 2.0);
        assertThatThrownBy(() -> exact.chunkFinished(1, 1, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-decreasing");
        assertThatThrownBy(() -> exact.deadlineReached(3.0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> exact.chunkFinished(0, 5, 3.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 0..4");
        CodedRound approximate = new CodedRound(RoundConfig.approximate(PartialWork.of(CYCLIC_12_4, 1), 4.0));
        assertThatThrownBy(() -> approximate.deadlineReached(3.9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RoundConfig.approximate(PartialWork.of(CYCLIC_12_4, 1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deadline");
    }

    @Test
    void partialWorkRecoversThePapersToyStateWhereClassicCodingCannot() {
        // W0 = (D0, D1), W1 = (D1, D2), W2 = (D2, D0); x = (1, 2, 0).
        ChunkOrder toy = ChunkOrder.natural(Assignment.fromLists(3, new int[][] {{0, 1}, {1, 2}, {2, 0}}));
        CodedRound ours = new CodedRound(RoundConfig.exact(PartialWork.of(toy, 1)));
        ours.chunkFinished(0, 1, 1.0);
        assertThat(ours.chunkFinished(1, 2, 2.0)).isTrue();
        double[][] beta = ours.config().strategy().coefficients(ours.state(), 1);
        assertThat(beta).isEqualTo(new double[][] {{1.0}, {1.0}});

        CodedRound classic = new CodedRound(RoundConfig.exact(new ClassicCode(new CyclicRepetitionCode(3, 1, 4L))));
        classic.chunkFinished(0, 1, 1.0);
        assertThat(classic.chunkFinished(1, 2, 2.0)).isFalse();
        CodedRound whole = new CodedRound(RoundConfig.exact(WholeWorkers.of(toy, 1)));
        whole.chunkFinished(0, 1, 1.0);
        assertThat(whole.chunkFinished(1, 2, 2.0)).isFalse();
    }

    @Test
    void aRoundReReadWithADeadlineDecidesAsARoundFedAloneWithThatDeadline() {
        Random random = new Random(11);
        Strategy[] strategies = {PartialWork.of(CYCLIC_12_4, 2), WholeWorkers.of(CYCLIC_12_4, 2), Uncoded.of(12, 12),
                new ClassicCode(new CyclicRepetitionCode(12, 3, 2L))};
        for (Strategy strategy : strategies) {
            for (int trial = 0; trial < 30; trial++) {
                double deadline = 1 + 10 * random.nextDouble();
                CodedRound exact = new CodedRound(RoundConfig.exact(strategy));
                CodedRound alone = new CodedRound(RoundConfig.approximate(strategy, deadline));
                CodedRound reRead = null;
                int[] x = new int[12];
                double time = 0;
                while (reRead == null) {
                    int j = random.nextInt(12);
                    time += random.nextDouble();
                    if (time > deadline || exact.triggered() || allDone(strategy, x)) {
                        reRead = exact.withDeadline(deadline);
                        break;
                    }
                    if (x[j] == strategy.assignment().load(j)) {
                        continue;
                    }
                    x[j]++;
                    exact.chunkFinished(j, x[j], time);
                    alone.chunkFinished(j, x[j], time);
                    if (random.nextInt(40) == 0) {
                        exact.workerFailed(j, time);
                        alone.workerFailed(j, time);
                        x[j] = strategy.assignment().load(j);
                    }
                }
                reRead.deadlineReached(deadline);
                alone.deadlineReached(deadline);
                assertThat(reRead.triggeredAt()).isEqualTo(alone.triggeredAt());
                assertThat(reRead.state()).isEqualTo(alone.state());
                assertThat(reRead.normalisedError()).isEqualTo(alone.normalisedError());
                assertThat(reRead.decoding()).isDeepEqualTo(alone.decoding());
            }
        }
    }

    private static boolean allDone(Strategy strategy, int[] x) {
        for (int j = 0; j < x.length; j++) {
            if (x[j] < strategy.assignment().load(j)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aRoundCannotBeReReadWithADeadlineItHasPassedOrAfterItsOwnDeadline() {
        CodedRound round = new CodedRound(RoundConfig.approximate(PartialWork.of(CYCLIC_12_4, 1), 2.0));
        round.chunkFinished(0, 1, 1.5);
        assertThatThrownBy(() -> round.withDeadline(1.0)).isInstanceOf(IllegalArgumentException.class);
        round.deadlineReached(2.0);
        assertThatThrownBy(() -> round.withDeadline(3.0)).isInstanceOf(IllegalStateException.class);
    }
}
