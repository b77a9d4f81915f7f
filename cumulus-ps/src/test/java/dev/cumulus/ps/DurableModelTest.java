package dev.cumulus.ps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.optim.OptimizerSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableModelTest {
    private final Workload workload = new Workload(30, 3, OptimizerSpec.momentum(0.1, 0.9));
    private final AtomicReference<PulledModel> latest = new AtomicReference<>();

    @TempDir
    Path dir;

    private DurableModel open(int snapshotInterval) throws IOException {
        return DurableModel.open(dir, snapshotInterval, true, latest::set);
    }

    @Test
    void reopeningMidRoundResumesWithTheAcknowledgedPushesOfThatRound() throws IOException {
        try (DurableModel model = open(64)) {
            model.init(workload.init("m", SyncMode.BSP));
            for (int r = 0; r < 2; r++) {
                float[] p = latest.get().parameters();
                for (int w = 0; w < 3; w++) {
                    model.push(w, r, workload.gradient(w, r, p));
                }
            }
            float[] p = latest.get().parameters();
            model.push(2, 2, workload.gradient(2, 2, p));
            model.push(0, 2, workload.gradient(0, 2, p));
        }
        latest.set(null);
        try (DurableModel model = open(64)) {
            assertThat(latest.get().round()).isEqualTo(2);
            float[] p = latest.get().parameters();
            assertThat(model.push(0, 2, workload.gradient(0, 2, p)).duplicate()).isTrue();
            assertThat(model.push(1, 2, workload.gradient(1, 2, p)).modelRound()).isEqualTo(3);
            assertThat(latest.get().parameters()).containsExactly(workload.bspReference(3));
        }
    }

    @Test
    void aBspSnapshotComesEveryIntervalRoundsAndEmptiesTheJournal() throws IOException {
        try (DurableModel model = open(2)) {
            model.init(workload.init("m", SyncMode.BSP));
            for (int r = 0; r < 3; r++) {
                float[] p = latest.get().parameters();
                for (int w = 0; w < 3; w++) {
                    model.push(w, r, workload.gradient(w, r, p));
                }
                long journalBytes = java.nio.file.Files.size(dir.resolve(DurableModel.JOURNAL_FILE));
                // Rounds 0 and 2 stay in the journal; the second update (round 1) takes a snapshot.
                assertThat(journalBytes == 0).as("journal empty after round %d", r).isEqualTo(r == 1);
            }
        }
        latest.set(null);
        try (DurableModel model = open(2)) {
            assertThat(latest.get().round()).isEqualTo(3);
            assertThat(latest.get().parameters()).containsExactly(workload.bspReference(3));
        }
    }

    @Test
    void reopeningBetweenAspSnapshotsReplaysTheJournal() throws IOException {
        Workload one = new Workload(30, 1, OptimizerSpec.sgd(0.1));
        try (DurableModel model = open(4)) {
            model.init(one.init("m", SyncMode.ASP));
            for (int s = 0; s < 10; s++) {
                model.push(0, s, one.gradient(0, s, latest.get().parameters()));
            }
        }
        latest.set(null);
        try (DurableModel model = open(4)) {
            assertThat(latest.get().round()).isEqualTo(10);
            assertThat(latest.get().parameters()).containsExactly(one.sequentialReference(10));
            assertThat(model.status(0, 0, 0).pushesAccepted()).isEqualTo(10);
        }
    }

    @Test
    void initialisingAgainWithTheSameValuesIsANoOpAndWithOthersIsRefused() throws IOException {
        try (DurableModel model = open(64)) {
            model.init(workload.init("m", SyncMode.BSP));
            model.push(0, 0, new float[30]);
            model.init(workload.init("m", SyncMode.BSP));
            assertThat(model.status(0, 0, 0).pushesAccepted()).isEqualTo(1);
            assertThatThrownBy(() -> model.init(workload.init("m", SyncMode.ASP)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("mode ASP");
            assertThatThrownBy(() -> model.init(workload.init("other", SyncMode.BSP)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("model id 'other'");
        }
    }

    @Test
    void aPushBeforeInitIsRefused() throws IOException {
        try (DurableModel model = open(64)) {
            assertThatThrownBy(() -> model.push(0, 0, new float[30]))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("call init first");
        }
    }

    @Test
    void aSecondServerOnTheSameDirectoryIsRefusedNamingIt() throws IOException {
        try (DurableModel model = open(64)) {
            assertThatThrownBy(() -> open(64)).isInstanceOf(IOException.class)
                    .hasMessageContaining(dir.toString()).hasMessageContaining("in use");
            assertThat(model.status(0, 0, 0).initialised()).isFalse();
        }
    }
}
