package dev.cumulus.sim.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.sim.gc.GcScenario.AssignmentKind;
import dev.cumulus.sim.gc.GcScenario.OrderKind;
import dev.cumulus.sim.straggler.ChunkTimeDistribution;
import dev.cumulus.sim.straggler.StragglerModel;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Numbers pinned to the bit. They were recorded from the simulator as it was at commit 6860421
 * (its own decision loop over {@code CoverageTracker}, before it drove
 * {@code dev.cumulus.coding.round.CodedRound}), by running these two scenarios and printing every
 * summary with {@link Double#toString}; a refactor of the simulator must not move any of them.
 */
class GcSimulatorPinnedNumbersTest {

    private static StragglerModel exp() {
        return StragglerModel.of(ChunkTimeDistribution.parse("exp:1"));
    }

    @Test
    void cyclicTwoPartsExponentialMatchesTheNumbersRecordedBeforeTheRefactor() {
        GcScenario s = new GcScenario(12, 12, 4, 2, AssignmentKind.CYCLIC, OrderKind.NATURAL, exp(),
                new double[] {0.5, 1, 2, 4}, 200, 2024L);
        GcReport r = new GcSimulator(s).run();

        assertThat(r.waitForAll()).isEqualTo(new GcReport.Statistic(2.9977472973406365, 1.1703212500528655, 200, 200));
        assertThat(r.classic()).isEqualTo(new GcReport.Statistic(4.50265958313538, 0.9190545104478606, 200, 200));
        assertThat(r.partial()).isEqualTo(new GcReport.Statistic(2.9766223468616233, 0.7460265695595923, 200, 200));
        assertThat(r.meanIgnoreError())
                .containsExactly(0.6170833333333333, 0.3704166666666664, 0.12833333333333338, 0.014583333333333325);
        assertThat(r.meanClassicError())
                .containsExactly(0.9966666666666674, 0.9675000000000004, 0.7020833333333323, 0.12479166666666675);
        assertThat(r.meanPartialError())
                .containsExactly(0.7597916666666669, 0.5118750000000001, 0.1591666666666667, 0.0043749999999999995);
        TrialResult t = r.trials().get(17);
        assertThat(t.waitForAll()).isEqualTo(2.974871048400749);
        assertThat(t.classic()).isEqualTo(5.383833009875135);
        assertThat(t.partial()).isEqualTo(3.046314585399669);
        assertThat(t.ignoreStragglers()).containsExactly(0.6666666666666666, 0.4166666666666667, 0.25, 0.0);
        assertThat(t.classicError()).containsExactly(1.0, 1.0, 0.8333333333333334, 0.08333333333333333);
        assertThat(t.partialError()).containsExactly(0.8333333333333334, 0.6666666666666666, 0.20833333333333334, 0.0);
    }

    @Test
    void randomRegularWithSlowAndFailedWorkersMatchesTheNumbersRecordedBeforeTheRefactor() {
        StragglerModel model = new StragglerModel(ChunkTimeDistribution.parse("shifted-exp:1,1"),
                Optional.of(ChunkTimeDistribution.parse("exp:1")), 0.25, 3, 0.1);
        GcScenario s = new GcScenario(12, 12, 3, 1, AssignmentKind.RANDOM_REGULAR, OrderKind.RANDOM, model,
                new double[] {1, 3, 5}, 200, 7L);
        GcReport r = new GcSimulator(s).run();

        assertThat(r.waitForAll().completed()).isZero();
        assertThat(r.waitForAll().mean()).isNaN();
        assertThat(r.classic()).isEqualTo(new GcReport.Statistic(8.212300759927542, 4.868711632609695, 200, 200));
        assertThat(r.partial()).isEqualTo(new GcReport.Statistic(5.504887239482267, 3.260346230253151, 200, 200));
        assertThat(r.meanIgnoreError()).containsExactly(0.657916666666666, 0.3599999999999996, 0.2404166666666667);
        assertThat(r.meanClassicError()).containsExactly(0.6737499999999997, 0.29208333333333336, 0.1416666666666667);
        assertThat(r.meanPartialError()).containsExactly(0.4808333333333335, 0.1379166666666667, 0.05583333333333336);
        TrialResult t = r.trials().get(17);
        assertThat(t.waitForAll()).isInfinite();
        assertThat(t.classic()).isEqualTo(14.459047026785619);
        assertThat(t.partial()).isEqualTo(9.427933059374867);
        assertThat(t.ignoreStragglers()).containsExactly(0.75, 0.4166666666666667, 0.3333333333333333);
        assertThat(t.classicError()).containsExactly(0.6666666666666666, 0.4166666666666667, 0.4166666666666667);
        assertThat(t.partialError()).containsExactly(0.5833333333333334, 0.25, 0.16666666666666666);
    }
}
