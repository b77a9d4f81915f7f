package dev.cumulus.ps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.optim.OptimizerSpec;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pull says how long the server held it for its round: the worker's wait for the others' pushes. */
class PullHeldTimeTest {
    @TempDir
    Path state;

    @Test
    void aPullHeldUntilTheRoundsLastPushReportsTheHoldAndOneAnsweredAtOnceDoesNot() throws Exception {
        Workload workload = new Workload(10, 2, OptimizerSpec.sgd(0.1));
        try (ParameterServer server = ParameterServer.start(ServerOptions.builder(state).build());
             ParameterServerClient client = ParameterServerClient.connect(Workers.clientOptions(server.address()))) {
            client.init(workload.init("held", SyncMode.BSP));
            float[] p = client.pull(0).parameters();
            client.push(0, 0, workload.gradient(0, 0, p));
            long beforePull = System.nanoTime();
            CompletableFuture<PulledModel> waiting = CompletableFuture.supplyAsync(() -> client.pull(1));
            Thread.sleep(100); // the pull of round 1 is held: worker 1 has not pushed yet
            client.push(1, 0, workload.gradient(1, 0, p));
            PulledModel held = waiting.get(30, TimeUnit.SECONDS);
            long answeredAt = System.nanoTime();

            assertThat(held.round()).isEqualTo(1);
            // Held from its arrival until the round's last push: within the call, and longer than a pull
            // of a round that is already there, which is answered at once.
            assertThat(held.heldMicros()).isPositive().isLessThanOrEqualTo((answeredAt - beforePull) / 1_000);
            assertThat(client.pull(1).heldMicros()).isLessThan(held.heldMicros());
        }
    }
}
