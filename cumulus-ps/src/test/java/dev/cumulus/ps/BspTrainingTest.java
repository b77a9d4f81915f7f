package dev.cumulus.ps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.optim.OptimizerSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BspTrainingTest {
    private static final int ROUNDS = 12;

    @TempDir
    Path state;

    @Test
    void modelAfterEveryRoundEqualsTheSingleProcessComputationBitForBit() throws Exception {
        Workload workload = new Workload(2_000, 4, OptimizerSpec.adam(0.01));
        try (ParameterServer server = ParameterServer.start(ServerOptions.builder(state).build())) {
            ClientOptions options = Workers.clientOptions(server.address());
            Workers.runAll(workload.workers(), 120, w -> {
                try (ParameterServerClient client = ParameterServerClient.connect(options)) {
                    client.init(workload.init("bsp", SyncMode.BSP));
                    for (int r = 0; r < ROUNDS; r++) {
                        PulledModel model = client.pull(r);
                        assertThat(model.round()).isEqualTo(r);
                        PushReceipt receipt = client.push(w, r, workload.gradient(w, r, model.parameters()));
                        assertThat(receipt.duplicate()).isFalse();
                    }
                }
            });
            try (ParameterServerClient client = ParameterServerClient.connect(options)) {
                PulledModel last = client.pull(ROUNDS);
                assertThat(last.round()).isEqualTo(ROUNDS);
                assertThat(last.parameters()).containsExactly(workload.bspReference(ROUNDS));
                ServerStatus status = client.status();
                assertThat(status.updatesApplied()).isEqualTo(ROUNDS);
                assertThat(status.pushesAccepted()).isEqualTo((long) ROUNDS * workload.workers());
                assertThat(status.mode()).isEqualTo(SyncMode.BSP);
                assertThat(status.requestsServed()).isGreaterThanOrEqualTo(2L * ROUNDS * workload.workers());
                assertThat(status.uptimeMillis()).isGreaterThanOrEqualTo(status.busyMillis());
            }
        }
    }

    @Test
    void aRepeatedPushOfARoundIsAcknowledgedWithoutBeingAppliedTwice() throws Exception {
        Workload workload = new Workload(100, 2, OptimizerSpec.sgd(0.1));
        try (ParameterServer server = ParameterServer.start(ServerOptions.builder(state).build());
             ParameterServerClient client = ParameterServerClient.connect(Workers.clientOptions(server.address()))) {
            client.init(workload.init("dup", SyncMode.BSP));
            float[] p = client.pull(0).parameters();
            assertThat(client.push(0, 0, workload.gradient(0, 0, p)).duplicate()).isFalse();
            assertThat(client.push(0, 0, workload.gradient(0, 0, p)).duplicate()).isTrue();
            client.push(1, 0, workload.gradient(1, 0, p));
            assertThat(client.push(1, 0, workload.gradient(1, 0, p)).duplicate()).isTrue();
            assertThat(client.pull(1).parameters()).containsExactly(workload.bspReference(1));
            assertThat(client.status().pushesAccepted()).isEqualTo(2);
        }
    }

    @Test
    void aPullForARoundNotReachedInTheWaitNamesTheRoundReached() throws Exception {
        Workload workload = new Workload(10, 2, OptimizerSpec.sgd(0.1));
        try (ParameterServer server = ParameterServer.start(ServerOptions.builder(state).build());
             ParameterServerClient client = ParameterServerClient.connect(ClientOptions.builder(server.address())
                     .callTimeoutMillis(5_000).pullWaitMillis(600).build())) {
            client.init(workload.init("wait", SyncMode.BSP));
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.pull(1))
                    .isInstanceOf(ParameterServerException.class)
                    .hasMessageContaining("Round 1 was not reached within 600 ms")
                    .hasMessageContaining(server.address().toString())
                    .hasMessageContaining("at round 0");
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(500L, 10_000L);
        }
    }

    @Test
    void aRefusedPushFailsAtOnceWithTheServersReason() throws Exception {
        Workload workload = new Workload(10, 2, OptimizerSpec.sgd(0.1));
        try (ParameterServer server = ParameterServer.start(ServerOptions.builder(state).build());
             ParameterServerClient client = ParameterServerClient.connect(Workers.clientOptions(server.address()))) {
            client.init(workload.init("refused", SyncMode.BSP));
            assertThatThrownBy(() -> client.push(0, 0, new float[9]))
                    .isInstanceOf(ParameterServerException.class).isNotInstanceOf(ServerUnavailableException.class)
                    .hasMessageContaining(server.address().toString())
                    .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("9 values");
            assertThatThrownBy(() -> client.push(0, 3, new float[10]))
                    .hasMessageContaining("FAILED_PRECONDITION").hasMessageContaining("ahead of the model");
        }
    }
}
