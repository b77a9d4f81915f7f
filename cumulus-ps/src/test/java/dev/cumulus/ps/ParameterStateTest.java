package dev.cumulus.ps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;

class ParameterStateTest {
    private final Workload workload = new Workload(50, 3, OptimizerSpec.adam(0.01));

    @Test
    void bspSumsInRankOrderWhateverOrderTheGradientsArriveIn() {
        float[] reference = workload.bspReference(1);
        for (int[] order : new int[][] {{0, 1, 2}, {2, 1, 0}, {1, 2, 0}}) {
            ParameterState state = new ParameterState(workload.init("m", SyncMode.BSP));
            float[] start = state.parameters();
            for (int w : order) {
                state.apply(w, 0, workload.gradient(w, 0, start));
            }
            assertThat(state.parameters()).as("arrival order %s", java.util.Arrays.toString(order)).containsExactly(reference);
        }
    }

    @Test
    void bspStepsOnceOnlyWhenEveryWorkerPushedTheRound() {
        ParameterState state = new ParameterState(workload.init("m", SyncMode.BSP));
        float[] start = state.parameters();
        assertThat(state.apply(0, 0, workload.gradient(0, 0, start))).isFalse();
        assertThat(state.apply(2, 0, workload.gradient(2, 0, start))).isFalse();
        assertThat(state.parameters()).containsExactly(start);
        assertThat(state.apply(1, 0, workload.gradient(1, 0, start))).isTrue();
        assertThat(state.round()).isEqualTo(1);
        assertThat(state.updatesApplied()).isEqualTo(1);
        assertThat(state.pushesAccepted()).isEqualTo(3);
    }

    @Test
    void bspRecognisesPendingAndPastPushesAsDuplicates() {
        ParameterState state = new ParameterState(workload.init("m", SyncMode.BSP));
        float[] g = new float[50];
        state.apply(0, 0, g);
        assertThat(state.check(0, 0, g)).isEqualTo(ParameterState.Verdict.DUPLICATE);
        assertThat(state.check(1, 0, g)).isEqualTo(ParameterState.Verdict.ACCEPT);
        state.apply(1, 0, g);
        state.apply(2, 0, g);
        assertThat(state.check(2, 0, g)).isEqualTo(ParameterState.Verdict.DUPLICATE);
        assertThat(state.check(2, 1, g)).isEqualTo(ParameterState.Verdict.ACCEPT);
    }

    @Test
    void bspRefusesAPushForARoundAheadOfTheModel() {
        ParameterState state = new ParameterState(workload.init("m", SyncMode.BSP));
        assertThatThrownBy(() -> state.check(1, 2, new float[50]))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("worker 1").hasMessageContaining("round 2").hasMessageContaining("at round 0");
    }

    @Test
    void aspAppliesEachPushOnArrivalAndIgnoresRoundsAWorkerAlreadyPushed() {
        ParameterState state = new ParameterState(workload.init("m", SyncMode.ASP));
        float[] g = workload.gradient(0, 0, state.parameters());
        assertThat(state.apply(0, 0, g)).isTrue();
        assertThat(state.apply(1, 5, g)).isTrue();
        assertThat(state.round()).isEqualTo(2);
        assertThat(state.check(0, 0, g)).isEqualTo(ParameterState.Verdict.DUPLICATE);
        assertThat(state.check(1, 3, g)).isEqualTo(ParameterState.Verdict.DUPLICATE);
        assertThat(state.check(1, 6, g)).isEqualTo(ParameterState.Verdict.ACCEPT);
        assertThat(state.check(2, 0, g)).isEqualTo(ParameterState.Verdict.ACCEPT);
    }

    @Test
    void refusesAWorkerOutOfRangeOrAGradientOfTheWrongLengthNamingIt() {
        ParameterState state = new ParameterState(workload.init("m", SyncMode.ASP));
        assertThatThrownBy(() -> state.check(3, 0, new float[50]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid worker 3").hasMessageContaining("0 to 2");
        assertThatThrownBy(() -> state.check(0, 0, new float[49]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("49 values").hasMessageContaining("has 50");
        assertThatThrownBy(() -> state.check(0, -1, new float[50]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid round -1");
    }
}
