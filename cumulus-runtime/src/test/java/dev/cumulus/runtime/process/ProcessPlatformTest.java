package dev.cumulus.runtime.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.runtime.FunctionLimits;
import dev.cumulus.runtime.Invocation;
import dev.cumulus.runtime.InvocationResult;
import dev.cumulus.runtime.InvocationStatus;
import dev.cumulus.runtime.local.LocalOptions;
import dev.cumulus.runtime.local.LocalPlatform;
import dev.cumulus.runtime.local.LocalPlatformContract;
import dev.cumulus.runtime.testfunctions.TestFunctions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The local-platform contract, plus what only real child JVMs can show: exit codes, signals, -Xmx. */
class ProcessPlatformTest extends LocalPlatformContract {

    @Override
    protected LocalPlatform create(LocalOptions options) {
        return new ProcessPlatform(TestFunctions.registry(), options, ProcessOptions.defaults());
    }

    @Test
    void isNamedProcessesAndReallyStartsChildJvms() throws Exception {
        ProcessPlatform platform = (ProcessPlatform) platform();
        InvocationResult first = run(platform, "sum", "5,6", LIMITS);
        InvocationResult second = run(platform, "sum", "7", LIMITS);

        assertThat(platform.type()).isEqualTo("processes");
        assertThat(first.outputText()).isEqualTo("11");
        assertThat(second.outputText()).isEqualTo("7");
        assertThat(platform.processesStarted()).isEqualTo(1);
        assertThat(first.coldStart()).isTrue();
        assertThat(first.startup()).isPositive();
        assertThat(second.coldStart()).isFalse();
    }

    @Test
    void startsOneJvmPerInvocationWhenWarmReuseIsOff() throws Exception {
        ProcessPlatform platform = (ProcessPlatform) platform(options().warmIdleExpiry(Duration.ZERO).build());
        InvocationResult first = run(platform, "warm-count", "", LIMITS);
        InvocationResult second = run(platform, "warm-count", "", LIMITS);

        assertThat(platform.processesStarted()).isEqualTo(2);
        assertThat(first.coldStart()).isTrue();
        assertThat(second.coldStart()).isTrue();
        assertThat(second.outputText()).isEqualTo("1");
    }

    @Test
    void reportsExitCodeWhenFunctionProcessExits() throws Exception {
        InvocationResult result = run(platform(), "exit", "3", LIMITS);

        assertThat(result.status()).isEqualTo(InvocationStatus.CRASHED);
        assertThat(result.exitCode()).hasValue(3);
        assertThat(result.errorMessage()).contains("exited with code 3");
    }

    @Test
    void reportsSignalWhenFunctionProcessIsKilledFromOutside() throws Exception {
        InvocationResult result = run(platform(), "self-kill", "", LIMITS);

        assertThat(result.status()).isEqualTo(InvocationStatus.KILLED);
        assertThat(result.exitCode()).hasValue(137);
        assertThat(result.errorMessage()).contains("signal 9 (SIGKILL)");
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void killSendsSigkillToTheFunctionProcess() throws Exception {
        LocalPlatform platform = platform();
        Path marker = tempDir.resolve("running");
        Invocation invocation = platform.invoke("sleep", ("20000," + marker).getBytes(UTF_8), LIMITS);
        awaitFile(marker);

        invocation.kill();
        InvocationResult result = invocation.await(WAIT);

        assertThat(result.status()).isEqualTo(InvocationStatus.KILLED);
        assertThat(result.exitCode()).hasValue(137);
        assertThat(result.errorMessage()).contains("SIGKILL");
    }

    @Test
    void cancelSendsSigtermAndReportsCancelled() throws Exception {
        LocalPlatform platform = platform();
        Path marker = tempDir.resolve("running");
        Invocation invocation = platform.invoke("sleep", ("20000," + marker).getBytes(UTF_8), LIMITS);
        awaitFile(marker);

        invocation.cancel();
        InvocationResult result = invocation.await(WAIT);

        assertThat(result.status()).isEqualTo(InvocationStatus.CANCELLED);
        assertThat(result.exitCode()).hasValue(143);
    }

    @Test
    void functionWritingToStandardOutputDoesNotCorruptTheProtocol() throws Exception {
        InvocationResult result = run(platform(), "noise", "echo me", LIMITS);

        assertThat(result.status()).isEqualTo(InvocationStatus.OK);
        assertThat(result.outputText()).isEqualTo("echo me");
    }

    @Test
    void memorySizeBecomesTheChildHeapLimit() throws Exception {
        InvocationResult result = run(platform(), "max-heap", "", FunctionLimits.of(192, 10));

        assertThat(result.status()).isEqualTo(InvocationStatus.OK);
        assertThat(Long.parseLong(result.outputText())).isBetween(150L, 192L);
    }

    @Test
    void commandThatCannotStartGivesClearError() throws Exception {
        LocalPlatform platform = new ProcessPlatform(TestFunctions.registry(), options().build(),
                ProcessOptions.defaults().withCommand(List.of("/nonexistent/java-binary")));
        try {
            InvocationResult result = run(platform, "sum", "1", LIMITS);

            assertThat(result.status()).isEqualTo(InvocationStatus.ERROR);
            assertThat(result.errorMessage()).contains("Cannot start a process for function 'sum'")
                    .contains("/nonexistent/java-binary");
        } finally {
            platform.close();
        }
    }

    @Test
    void processThatDiesBeforeReadyGivesClearError() throws Exception {
        LocalPlatform platform = new ProcessPlatform(TestFunctions.registry(), options().build(),
                ProcessOptions.defaults().withCommand(List.of("sh", "-c", "echo broken start >&2; exit 7")));
        try {
            InvocationResult result = run(platform, "sum", "1", LIMITS);

            assertThat(result.status()).isEqualTo(InvocationStatus.ERROR);
            assertThat(result.errorMessage()).contains("ended before it was ready").contains("exit code 7")
                    .contains("broken start");
        } finally {
            platform.close();
        }
    }
}
