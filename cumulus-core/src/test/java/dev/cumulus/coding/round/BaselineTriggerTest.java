package dev.cumulus.coding.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.cumulus.coding.Assignment;
import dev.cumulus.coding.ChunkOrder;
import dev.cumulus.coding.StateVector;
import dev.cumulus.coding.classic.CyclicRepetitionCode;
import dev.cumulus.coding.classic.FractionalRepetitionCode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BaselineTriggerTest {

    @Test
    void waitForAllTriggersWhenTheLastWorkerFinishesItsLastChunk() {
        CodedRound round = new CodedRound(RoundConfig.waitForAll(12, 4));
        for (int j = 0; j < 4; j++) {
            for (int k = 1; k <= 3; k++) {
                boolean last = j == 3 && k == 3;
                assertThat(round.chunkFinished(j, k, j * 3 + k)).isEqualTo(last);
            }
        }
        assertThat(round.triggeredAt()).isEqualTo(12.0);
        assertThat(round.decoding()).isEqualTo(new double[][] {{1, 1, 1, 1}});
    }

    @Test
    void waitForAllNeverTriggersOnceAWorkerFailed() {
        CodedRound round = new CodedRound(RoundConfig.waitForAll(4, 4));
        round.workerFailed(2, 0.5);
        for (int j = 0; j < 4; j++) {
            if (j != 2) {
                assertThat(round.chunkFinished(j, 1, 1.0 + j)).isFalse();
            }
        }
        assertThat(round.recoverable()).isFalse();
    }

    @Test
    void ignoreStragglersTriggersAtTheDeadlineWithoutTheUnfinishedWorkersChunks() {
        CodedRound round = new CodedRound(RoundConfig.ignoreStragglers(10, 4, 3.0));
        // Uncoded loads 2, 3, 2, 3: workers 0 and 2 finish, worker 1 is one chunk short.
        round.chunkFinished(0, 2, 1.0);
        round.chunkFinished(1, 2, 1.5);
        round.chunkFinished(2, 2, 2.0);
        assertThat(round.triggered()).isFalse();
        assertThat(round.deadlineReached(3.0)).isTrue();
        assertThat(round.state()).isEqualTo(StateVector.of(2, 0, 2, 0));
        assertThat(round.normalisedError()).isEqualTo(0.6);
        assertThat(round.decoding()).isEqualTo(new double[][] {{1, 0, 1, 0}});
        float[][] encoded = {{1f, 2f}, null, {3f, 4f}, null};
        assertThat(round.config().strategy().decode(round.state(), encoded, 2)).containsExactly(4f, 6f);
    }

    @Test
    void ignoreStragglersTriggersEarlyWhenEveryoneFinishesBeforeTheDeadline() {
        CodedRound round = new CodedRound(RoundConfig.ignoreStragglers(2, 2, 10.0));
        round.chunkFinished(0, 1, 1.0);
        assertThat(round.chunkFinished(1, 1, 2.0)).isTrue();
        assertThat(round.triggeredAt()).isEqualTo(2.0);
        assertThat(round.normalisedError()).isZero();
    }

    @Test
    void fractionalRepetitionTriggersOnceEveryGroupHasAFinishedMember() {
        ClassicCode frc = new ClassicCode(new FractionalRepetitionCode(6, 2));
        CodedRound round = new CodedRound(RoundConfig.exact(frc));
        round.chunkFinished(0, 3, 1.0);
        round.chunkFinished(1, 3, 2.0);
        round.chunkFinished(4, 2, 3.0);
        assertThat(round.triggered()).isFalse();
        assertThat(round.chunkFinished(5, 3, 4.0)).isTrue();
        assertThat(round.state()).isEqualTo(StateVector.of(3, 3, 0, 0, 0, 3));
        double[][] d = round.decoding();
        assertThat(d[0][0] + d[0][1]).isEqualTo(1.0);
        assertThat(d[0][5]).isEqualTo(1.0);
    }

    @Test
    void cyclicRepetitionTriggersByTheTimeAnyNMinusSWorkersFinishedAndDecodesTheirVectors() {
        ClassicCode crc = new ClassicCode(new CyclicRepetitionCode(7, 2, 9L));
        Random random = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            CodedRound round = new CodedRound(RoundConfig.exact(crc));
            int[] order = shuffled(7, random);
            int finished = 0;
            while (!round.triggered()) {
                round.chunkFinished(order[finished], 3, finished);
                finished++;
            }
            assertThat(finished).isLessThanOrEqualTo(5);
            float[][] g = new float[7][3];
            for (float[] row : g) {
                for (int t = 0; t < 3; t++) {
                    row[t] = (float) random.nextGaussian();
                }
            }
            float[][] encoded = new float[7][];
            for (int j = 0; j < 7; j++) {
                if (round.state().finished(j) > 0) {
                    float[][] mine = new float[3][];
                    for (int p = 0; p < 3; p++) {
                        mine[p] = g[crc.order().chunkAt(j, p)];
                    }
                    encoded[j] = crc.encode(round.state(), j, mine);
                }
            }
            float[] decoded = crc.decode(round.state(), encoded, 3);
            for (int t = 0; t < 3; t++) {
                double sum = 0;
                for (float[] row : g) {
                    sum += row[t];
                }
                assertThat((double) decoded[t]).isCloseTo(sum, offset(1e-5));
            }
        }
    }

    @Test
    void classicCodingOnTheCodedAssignmentIgnoresPartialWork() {
        ChunkOrder order = ChunkOrder.natural(Assignment.cyclic(8, 3));
        CodedRound whole = new CodedRound(RoundConfig.exact(WholeWorkers.of(order, 1)));
        CodedRound partial = new CodedRound(RoundConfig.exact(PartialWork.of(order, 1)));
        for (int j = 0; j < 8; j++) {
            whole.chunkFinished(j, 2, j);
            partial.chunkFinished(j, 2, j);
        }
        assertThat(partial.triggered()).isTrue();
        assertThat(whole.triggered()).isFalse();
        assertThat(whole.state()).isEqualTo(StateVector.empty(8));
        assertThat(whole.normalisedError()).isEqualTo(1.0);
    }

    private static int[] shuffled(int n, Random random) {
        int[] a = new int[n];
        for (int k = 0; k < n; k++) {
            a[k] = k;
        }
        for (int k = n - 1; k > 0; k--) {
            int r = random.nextInt(k + 1);
            int tmp = a[k];
            a[k] = a[r];
            a[r] = tmp;
        }
        return a;
    }
}
