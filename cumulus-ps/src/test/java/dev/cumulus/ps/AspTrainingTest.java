package dev.cumulus.ps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.optim.OptimizerSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AspTrainingTest {
    @TempDir
    Path state;

    @Test
    void everyPushOfConcurrentWorkersIsAppliedOnce() throws Exception {
        Workload workload = new Workload(500, 4, OptimizerSpec.momentum(0.01, 0.9));
        int steps = 25;
        try (ParameterServer server = ParameterServer.start(ServerOptions.builder(state).snapshotInterval(16).build())) {
            ClientOptions options = Workers.clientOptions(server.address());
            Workers.runAll(workload.workers(), 120, w -> {
                try (ParameterServerClient client = ParameterServerClient.connect(options)) {
                    client.init(workload.init("asp", SyncMode.ASP));
                    for (int s = 0; s < steps; s++) {
                        PulledModel model = client.pullLatest();
                        assertThat(client.push(w, s, workload.gradient(w, s, model.parameters())).duplicate()).isFalse();
                    }
                }
            });
            ServerStatus status = server.status();
            assertThat(status.updatesApplied()).isEqualTo((long) steps * workload.workers());
            assertThat(status.pushesAccepted()).isEqualTo((long) steps * workload.workers());
            assertThat(status.round()).isEqualTo((long) steps * workload.workers());
        }
    }

    @Test
    void withOneWorkerTheModelEqualsSequentialSgd() throws Exception {
        Workload workload = new Workload(300, 1, OptimizerSpec.sgd(0.05));
        int steps = 40;
        try (ParameterServer server = ParameterServer.start(ServerOptions.builder(state).snapshotInterval(7).build());
             ParameterServerClient client = ParameterServerClient.connect(Workers.clientOptions(server.address()))) {
            client.init(workload.init("asp-one", SyncMode.ASP));
            for (int s = 0; s < steps; s++) {
                PulledModel model = client.pullLatest();
                assertThat(model.round()).isEqualTo(s);
                PushReceipt receipt = client.push(0, s, workload.gradient(0, s, model.parameters()));
                assertThat(receipt.modelRound()).isEqualTo(s + 1);
            }
            assertThat(client.pullLatest().parameters()).containsExactly(workload.sequentialReference(steps));
        }
    }

    @Test
    void aRetriedPushIsNotAppliedTwice() throws Exception {
        Workload workload = new Workload(50, 2, OptimizerSpec.sgd(0.05));
        try (ParameterServer server = ParameterServer.start(ServerOptions.builder(state).build());
             ParameterServerClient client = ParameterServerClient.connect(Workers.clientOptions(server.address()))) {
            client.init(workload.init("asp-dup", SyncMode.ASP));
            float[] g = workload.gradient(0, 0, client.pullLatest().parameters());
            client.push(0, 0, g);
            PushReceipt again = client.push(0, 0, g);
            assertThat(again.duplicate()).isTrue();
            assertThat(again.modelRound()).isEqualTo(1);
            assertThat(client.status().updatesApplied()).isEqualTo(1);
        }
    }
}
