package dev.cumulus.ps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.optim.OptimizerSpec;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability promise, against a server in a child JVM killed with SIGKILL: a killed server
 * restarted on its state directory lets the run complete with the model of an undisturbed run, and
 * an acknowledged push is never lost nor applied twice.
 */
class DurabilityTest {
    @TempDir
    Path state;

    @Test
    void aBspRunWhoseServerIsKilledMidRoundEndsWithTheUndisturbedModel() throws Exception {
        Workload workload = new Workload(1_000, 4, OptimizerSpec.adam(0.01));
        int rounds = 8;
        int killRound = 3;
        ServerOptions options = ServerOptions.builder(state).build();
        LocalParameterServerProcess first = LocalParameterServerProcess.start(options);
        LocalParameterServerProcess second = null;
        CountDownLatch pushedBeforeKill = new CountDownLatch(2);
        CountDownLatch restarted = new CountDownLatch(1);
        try {
            ClientOptions clientOptions = Workers.clientOptions(first.address());
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> runWorkers(workload, rounds, clientOptions, w -> {
                // In the kill round, workers 0 and 1 push (acknowledged, then wait in pull), 2 and 3 wait for the restart.
                if (w < 2) {
                    return () -> pushedBeforeKill.countDown();
                }
                restarted.await(60, TimeUnit.SECONDS);
                return () -> { };
            }, killRound));
            assertThat(pushedBeforeKill.await(60, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200); // let workers 0 and 1 reach their pull of the next round, waiting on the server
            first.kill();
            second = LocalParameterServerProcess.start(options.toBuilder().port(first.address().port()).build());
            restarted.countDown();
            run.get(120, TimeUnit.SECONDS);

            try (ParameterServerClient client = ParameterServerClient.connect(Workers.clientOptions(second.address()))) {
                assertThat(client.pull(rounds).parameters()).containsExactly(workload.bspReference(rounds));
                ServerStatus status = client.status();
                assertThat(status.updatesApplied()).isEqualTo(rounds);
                assertThat(status.pushesAccepted()).isEqualTo((long) rounds * workload.workers());
            }
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    @Test
    void anAcknowledgedAspPushSurvivesSigkillAndIsNotAppliedAgainWhenRetried() throws Exception {
        Workload workload = new Workload(200, 1, OptimizerSpec.momentum(0.05, 0.9));
        // No snapshot in this run after init: every push lives only in the journal when the server dies.
        ServerOptions options = ServerOptions.builder(state).snapshotInterval(1_000).build();
        try (LocalParameterServerProcess first = LocalParameterServerProcess.start(options)) {
            try (ParameterServerClient client = ParameterServerClient.connect(Workers.clientOptions(first.address()))) {
                client.init(workload.init("asp", SyncMode.ASP));
                for (int s = 0; s < 3; s++) {
                    client.push(0, s, workload.gradient(0, s, client.pullLatest().parameters()));
                }
            }
            first.kill();
            try (LocalParameterServerProcess second = LocalParameterServerProcess.start(options);
                 ParameterServerClient client = ParameterServerClient.connect(Workers.clientOptions(second.address()))) {
                assertThat(client.status().updatesApplied()).isEqualTo(3);
                PulledModel model = client.pullLatest();
                assertThat(model.parameters()).containsExactly(workload.sequentialReference(3));
                // A worker that never saw its last acknowledgement sends the same push again.
                PushReceipt retried = client.push(0, 2, new float[200]);
                assertThat(retried.duplicate()).isTrue();
                assertThat(client.pullLatest().parameters()).containsExactly(workload.sequentialReference(3));
                client.init(workload.init("asp", SyncMode.ASP));
                assertThat(client.status().pushesAccepted()).isEqualTo(3);
            }
        }
    }

    @Test
    void anAspRunWhoseServerIsKilledTwiceAtRandomEqualsSequentialSgd() throws Exception {
        Workload workload = new Workload(300, 1, OptimizerSpec.adam(0.01));
        int steps = 60;
        ServerOptions options = ServerOptions.builder(state).snapshotInterval(5).build();
        LocalParameterServerProcess server = LocalParameterServerProcess.start(options);
        ServerOptions samePort = options.toBuilder().port(server.address().port()).build();
        AtomicInteger done = new AtomicInteger();
        try {
            ClientOptions clientOptions = Workers.clientOptions(server.address());
            CompletableFuture<float[]> run = CompletableFuture.supplyAsync(() -> {
                try (ParameterServerClient client = ParameterServerClient.connect(clientOptions)) {
                    client.init(workload.init("asp-kills", SyncMode.ASP));
                    for (int s = 0; s < steps; s++) {
                        PulledModel model = client.pullLatest();
                        client.push(0, s, workload.gradient(0, s, model.parameters()));
                        done.incrementAndGet();
                    }
                    return client.pullLatest().parameters();
                }
            });
            Random random = new Random(11);
            for (int kill = 1; kill <= 2; kill++) {
                int after = kill * 20;
                while (done.get() < after && !run.isDone()) {
                    Thread.sleep(1);
                }
                Thread.sleep(random.nextInt(20)); // somewhere inside a pull, a push or between them
                server.kill();
                server = LocalParameterServerProcess.start(samePort);
            }
            assertThat(run.get(120, TimeUnit.SECONDS)).containsExactly(workload.sequentialReference(steps));
            try (ParameterServerClient client = ParameterServerClient.connect(Workers.clientOptions(server.address()))) {
                assertThat(client.status().updatesApplied()).isEqualTo(steps);
            }
        } finally {
            server.close();
        }
    }

    @Test
    void sigtermStopsTheServerWithItsStateIntact() throws Exception {
        Workload workload = new Workload(50, 1, OptimizerSpec.sgd(0.1));
        ServerOptions options = ServerOptions.builder(state).snapshotInterval(2).build();
        LocalParameterServerProcess first = LocalParameterServerProcess.start(options);
        try (ParameterServerClient client = ParameterServerClient.connect(Workers.clientOptions(first.address()))) {
            client.init(workload.init("term", SyncMode.ASP));
            for (int s = 0; s < 5; s++) {
                client.push(0, s, workload.gradient(0, s, client.pullLatest().parameters()));
            }
        } finally {
            first.close();
        }
        assertThat(first.isAlive()).isFalse();
        assertThat(first.exitCode()).as("exit code after SIGTERM").isIn(0, 143);
        try (LocalParameterServerProcess second = LocalParameterServerProcess.start(options);
             ParameterServerClient client = ParameterServerClient.connect(Workers.clientOptions(second.address()))) {
            assertThat(client.pullLatest().parameters()).containsExactly(workload.sequentialReference(5));
        }
    }

    /** What a worker does in the kill round before pushing; returns what it does after the push. */
    @FunctionalInterface
    private interface KillRoundHook {
        Runnable beforePush(int worker) throws InterruptedException;
    }

    private static void runWorkers(Workload workload, int rounds, ClientOptions options, KillRoundHook hook, int killRound) {
        try {
            Workers.runAll(workload.workers(), 120, w -> {
                try (ParameterServerClient client = ParameterServerClient.connect(options)) {
                    client.init(workload.init("bsp", SyncMode.BSP));
                    for (int r = 0; r < rounds; r++) {
                        PulledModel model = client.pull(r);
                        assertThat(model.round()).isEqualTo(r);
                        float[] gradient = workload.gradient(w, r, model.parameters());
                        Runnable after = r == killRound ? hook.beforePush(w) : () -> { };
                        client.push(w, r, gradient);
                        after.run();
                    }
                }
            });
        } catch (Exception e) {
            throw new AssertionError("a worker failed", e);
        }
    }
}
