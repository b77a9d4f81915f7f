package dev.cumulus.ps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.optim.OptimizerSpec;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientTimeoutTest {
    @TempDir
    Path state;

    @Test
    void aServerThatIsGoneFailsWithinTheRetryWaitNamingItsAddress() throws Exception {
        ServerAddress address;
        try (ParameterServer server = ParameterServer.start(ServerOptions.builder(state).build())) {
            address = server.address();
        }
        ClientOptions options = ClientOptions.builder(address).callTimeoutMillis(500).retryWaitMillis(1_500).build();
        try (ParameterServerClient client = ParameterServerClient.connect(options)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.push(0, 0, new float[3]))
                    .isInstanceOf(ServerUnavailableException.class)
                    .hasMessageContaining("parameter server at " + address)
                    .hasMessageContaining("push of worker 0 for round 0")
                    .satisfies(e -> assertThat(((ServerUnavailableException) e).address()).isEqualTo(address));
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // The retry wait, at most one attempt's deadline past it, and slack for a loaded machine.
            assertThat(elapsedMillis).isBetween(1_400L, 1_500L + 500L + 5_000L);
        }
    }

    @Test
    void aPullWaitingOnAServerProcessThatIsKilledFailsNamingItsAddress() throws Exception {
        Workload workload = new Workload(10, 2, OptimizerSpec.sgd(0.1));
        try (LocalParameterServerProcess server = LocalParameterServerProcess.start(ServerOptions.builder(state).build());
             ParameterServerClient client = ParameterServerClient.connect(ClientOptions.builder(server.address())
                     .callTimeoutMillis(1_000).retryWaitMillis(2_000).pullWaitMillis(60_000).build())) {
            // A cold server JVM on a busy machine may take longer than this client's attempts allow.
            try (ParameterServerClient patient = ParameterServerClient.connect(Workers.clientOptions(server.address()))) {
                patient.init(workload.init("gone", SyncMode.BSP));
            }
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    server.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            killer.start();
            long start = System.nanoTime();
            // Round 1 never comes: only one of two workers exists, and the server dies while the pull waits.
            assertThatThrownBy(() -> client.pull(1))
                    .isInstanceOf(ServerUnavailableException.class)
                    .hasMessageContaining(server.address().toString())
                    .hasMessageContaining("pull of round 1");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000L);
            killer.join();
        }
    }

    @Test
    void anUnparsableAddressIsRefusedNamingIt() {
        assertThatThrownBy(() -> ServerAddress.parse("localhost"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'localhost'").hasMessageContaining("host:port");
        assertThat(ServerAddress.parse("[::1]:8080")).isEqualTo(new ServerAddress("::1", 8080));
        assertThat(ServerAddress.parse("127.0.0.1:9").toString()).isEqualTo("127.0.0.1:9");
    }
}
