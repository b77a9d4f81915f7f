package dev.cumulus.cli.ps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.cli.CliRun;
import dev.cumulus.cli.Main;
import dev.cumulus.optim.OptimizerSpec;
import dev.cumulus.ps.ClientOptions;
import dev.cumulus.ps.ModelInit;
import dev.cumulus.ps.ParameterServerClient;
import dev.cumulus.ps.ServerAddress;
import dev.cumulus.ps.SyncMode;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PsCommandTest {
    @TempDir
    Path state;

    /** A running {@code cumulus ps} on its own thread; the first line it printed is its address. */
    private record Running(Thread thread, ServerAddress address, AtomicInteger exitCode) {
        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(20));
            assertThat(thread.isAlive()).as("cumulus ps still running after interrupt").isFalse();
            return exitCode.get();
        }
    }

    private Running start() throws Exception {
        CompletableFuture<String> firstLine = new CompletableFuture<>();
        CommandLine cl = Main.commandLine(false);
        cl.setOut(new PrintWriter(new FirstLine(firstLine), true));
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread thread = new Thread(() -> exitCode.set(cl.execute("ps", "--state", state.toString())), "cumulus-ps-test");
        thread.start();
        return new Running(thread, ServerAddress.parse(firstLine.get(30, TimeUnit.SECONDS)), exitCode);
    }

    @Test
    void printsItsAddressServesAndResumesFromItsStateDirectory() throws Exception {
        ModelInit init = new ModelInit("cli", new float[] {1, 2, 3}, OptimizerSpec.sgd(0.5), 1, SyncMode.ASP);
        Running first = start();
        assertThat(first.address().host()).isEqualTo("127.0.0.1");
        try (ParameterServerClient client = ParameterServerClient.connect(ClientOptions.builder(first.address()).build())) {
            client.init(init);
            client.push(0, 0, new float[] {2, 2, 2});
        }
        assertThat(first.stop()).isZero();

        Running second = start();
        try (ParameterServerClient client = ParameterServerClient.connect(ClientOptions.builder(second.address()).build())) {
            assertThat(client.status().pushesAccepted()).isEqualTo(1);
            assertThat(client.pullLatest().parameters()).containsExactly(0, 1, 2);
        } finally {
            assertThat(second.stop()).isZero();
        }
    }

    @Test
    void withoutAStateDirectoryItIsAUsageErrorNamingTheOption() {
        CliRun run = CliRun.of("ps");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--state");
    }

    @Test
    void aPortOutOfRangeIsAUsageErrorNamingTheValue() {
        CliRun run = CliRun.of("ps", "--state", state.toString(), "--port", "70000");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("70000");
    }

    /** Completes a future with the first line written. */
    private static final class FirstLine extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final CompletableFuture<String> line;

        FirstLine(CompletableFuture<String> line) {
            this.line = line;
        }

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            text.append(chars, offset, length);
            int newline = text.indexOf("\n");
            if (newline >= 0) {
                line.complete(text.substring(0, newline).trim());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
