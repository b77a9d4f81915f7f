package dev.cumulus.ps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.optim.OptimizerSpec;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisedParameterServerTest {
    @TempDir
    Path state;

    @Test
    void aKilledServerIsStartedAgainOnTheSameAddressWithItsState() throws Exception {
        Workload workload = new Workload(20, 1, OptimizerSpec.sgd(0.1));
        try (SupervisedParameterServer server = SupervisedParameterServer.start(ServerOptions.builder(state).build(), 1)) {
            ServerAddress address = server.address();
            long firstPid = server.pid();
            try (ParameterServerClient client = ParameterServerClient.connect(Workers.clientOptions(address))) {
                client.init(workload.init("s", SyncMode.ASP));
                for (int s = 0; s < 3; s++) {
                    client.push(0, s, workload.gradient(0, s, client.pullLatest().parameters()));
                }
                ProcessHandle first = ProcessHandle.of(firstPid).orElseThrow();
                first.destroyForcibly();
                first.onExit().get(30, TimeUnit.SECONDS);

                // The client retries until the supervisor's new process answers at the same address.
                assertThat(client.pullLatest().parameters()).containsExactly(workload.sequentialReference(3));
                assertThat(server.restarts()).isEqualTo(1);
                assertThat(server.pid()).isNotEqualTo(firstPid);
                assertThat(server.address()).isEqualTo(address);
                assertThat(server.uptime()).isPositive();
            }
        }
    }

    @Test
    void beyondItsRestartsAKilledServerStaysDown() throws Exception {
        try (SupervisedParameterServer server = SupervisedParameterServer.start(ServerOptions.builder(state).build(), 0)) {
            ProcessHandle first = ProcessHandle.of(server.pid()).orElseThrow();
            first.destroyForcibly();
            first.onExit().get(30, TimeUnit.SECONDS);
            Thread.sleep(200);
            assertThat(server.restarts()).isZero();
            assertThat(server.pid()).isEqualTo(first.pid());
        }
    }
}
