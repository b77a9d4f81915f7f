package dev.cumulus.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeerTableTest {
    private static Measurement m(String tool, double process, double loss, double accuracy) {
        return new Measurement(tool, process, process / 2, process / 4, loss, accuracy);
    }

    @Test
    void mediansAndTheRatioToCumulusMatchAHandComputation() {
        List<Measurement> runs = List.of(
                m("Cumulus", 4.0, 0.545, 0.70), m("peer", 9.0, 0.5449, 0.71),
                m("Cumulus", 2.0, 0.544, 0.70), m("peer", 3.0, 0.5449, 0.71),
                m("Cumulus", 3.0, 0.543, 0.70), m("peer", 6.0, 0.5449, 0.71));
        List<PeerTable.Row> rows = PeerTable.rows(runs, Workload.Target.LOSS, 0.546);
        assertThat(rows).extracting(PeerTable.Row::tool).containsExactly("Cumulus", "peer");
        PeerTable.Row cumulus = rows.get(0);
        PeerTable.Row peer = rows.get(1);
        assertThat(cumulus.processSeconds()).isEqualTo(3.0);
        assertThat(cumulus.readSeconds()).isEqualTo(1.5);
        assertThat(cumulus.trainLoss()).isEqualTo(0.544);
        assertThat(cumulus.timesCumulus()).isEqualTo(1.0);
        assertThat(peer.processSeconds()).isEqualTo(6.0);
        assertThat(peer.timesCumulus()).isEqualTo(2.0);
        assertThat(peer.rounds()).isEqualTo(3);
    }

    @Test
    void oneRoundAboveTheTargetLossMeansTheToolDidNotReachIt() {
        List<Measurement> runs = List.of(m("Cumulus", 1, 0.5450, 0), m("Cumulus", 1, 0.5461, 0),
                m("Cumulus", 1, 0.5440, 0));
        assertThat(PeerTable.rows(runs, Workload.Target.LOSS, 0.546).get(0).reachedTarget()).isFalse();
        assertThat(PeerTable.rows(runs, Workload.Target.LOSS, 0.5461).get(0).reachedTarget()).isTrue();
    }

    @Test
    void anAccuracyTargetIsReachedAtOrAboveIt() {
        assertThat(PeerTable.reached(m("t", 1, 9, 0.8400), Workload.Target.ACCURACY, 0.84)).isTrue();
        assertThat(PeerTable.reached(m("t", 1, 9, 0.8399), Workload.Target.ACCURACY, 0.84)).isFalse();
    }

    @Test
    void theTargetLossIsTheOptimumPlusATenthOfAPercent() {
        assertThat(PeerTable.targetLoss(0.54494)).isCloseTo(0.54494 * 1.001, within(1e-12));
    }

    @Test
    void aVariantWithoutAProcessOfItsOwnHasNoWholeProcessTimeNorRatio() {
        List<Measurement> runs = List.of(m("Cumulus", 2, 0.5, 0.7),
                new Measurement("Spark MLlib warm fit", Double.NaN, 10, 5, 0.5, 0.7));
        PeerTable.Row warm = PeerTable.rows(runs, Workload.Target.LOSS, 0.6).get(1);
        assertThat(warm.processSeconds()).isNaN();
        assertThat(warm.timesCumulus()).isNaN();
        assertThat(warm.trainSeconds()).isEqualTo(5.0);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(PeerTable.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(PeerTable.median(new double[] {})).isNaN();
    }
}
