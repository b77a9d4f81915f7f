package dev.cumulus.ps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.optim.OptimizerSpec;
import org.junit.jupiter.api.Test;

class SnapshotFormatTest {
    private final Workload workload = new Workload(20, 2, OptimizerSpec.adam(0.05));

    @Test
    void decodingRestoresTheModelTheOptimiserAndThePendingGradients() {
        ParameterState state = new ParameterState(workload.init("m", SyncMode.BSP));
        for (int r = 0; r < 3; r++) {
            float[] p = state.parameters();
            state.apply(0, r, workload.gradient(0, r, p));
            state.apply(1, r, workload.gradient(1, r, p));
        }
        state.apply(1, 3, workload.gradient(1, 3, state.parameters()));

        SnapshotFormat.Snapshot copy = SnapshotFormat.decode("snap", SnapshotFormat.encode(state, 7));

        assertThat(copy.journalSequence()).isEqualTo(7);
        ParameterState restored = copy.state();
        assertThat(restored.round()).isEqualTo(3);
        assertThat(restored.pushesAccepted()).isEqualTo(7);
        assertThat(restored.parameters()).containsExactly(state.parameters());
        assertThat(restored.optimizerState()).containsExactly(state.optimizerState());
        assertThat(restored.pending(0)).isNull();
        assertThat(restored.pending(1)).containsExactly(state.pending(1));
        // The next step from the copy equals the next step from the original.
        float[] g = workload.gradient(0, 3, state.parameters());
        state.apply(0, 3, g);
        restored.apply(0, 3, g);
        assertThat(restored.parameters()).containsExactly(state.parameters());
    }

    @Test
    void aCorruptSnapshotIsRefusedNamingItsSource() {
        byte[] bytes = SnapshotFormat.encode(new ParameterState(workload.init("m", SyncMode.ASP)), 0);
        bytes[30] ^= 1;
        assertThatThrownBy(() -> SnapshotFormat.decode("state/snapshot.bin", bytes))
                .hasMessageContaining("state/snapshot.bin").hasMessageContaining("checksum");
    }
}
