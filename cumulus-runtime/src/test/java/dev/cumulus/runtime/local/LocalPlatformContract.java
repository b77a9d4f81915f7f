package dev.cumulus.runtime.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.runtime.FunctionLimits;
import dev.cumulus.runtime.FunctionPlatform;
import dev.cumulus.runtime.Invocation;
import dev.cumulus.runtime.InvocationResult;
import dev.cumulus.runtime.InvocationStatus;
import dev.cumulus.runtime.billing.BillingMeter;
import dev.cumulus.runtime.billing.LambdaRate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour every local platform shares; subclasses say which platform to build. */
public abstract class LocalPlatformContract {

    protected static final Duration WAIT = Duration.ofSeconds(30);
    protected static final FunctionLimits LIMITS = FunctionLimits.of(256, 10);

    private final List<FunctionPlatform> platforms = new ArrayList<>();

    @TempDir
    protected Path tempDir;

    /** A platform with the test registry and these options. */
    protected abstract LocalPlatform create(LocalOptions options);

    protected LocalPlatform platform(LocalOptions options) {
        LocalPlatform platform = create(options);
        platforms.add(platform);
        return platform;
    }

    protected LocalPlatform platform() {
        return platform(options().build());
    }

    protected static LocalOptions.Builder options() {
        return LocalOptions.builder().concurrencyLimit(4).coldStartDelay(Duration.ZERO);
    }

    protected static InvocationResult run(FunctionPlatform platform, String function, String payload, FunctionLimits limits)
            throws Exception {
        return platform.invoke(function, payload.getBytes(UTF_8), limits).await(WAIT);
    }

    @AfterEach
    void closePlatforms() {
        platforms.forEach(FunctionPlatform::close);
    }

    @Test
    void runsFunctionAndReturnsItsOutput() throws Exception {
        InvocationResult result = run(platform(), "sum", "1,2,3,4", LIMITS);

        assertThat(result.status()).isEqualTo(InvocationStatus.OK);
        assertThat(result.outputText()).isEqualTo("10");
        assertThat(result.errorMessage()).isEmpty();
        assertThat(result.memoryMb()).isEqualTo(256);
        assertThat(result.billable()).isTrue();
        assertThat(result.billedDurationMillis()).isPositive();
    }

    @Test
    void reportsExceptionOfFunctionAsError() throws Exception {
        InvocationResult result = run(platform(), "fail", "now", LIMITS);

        assertThat(result.status()).isEqualTo(InvocationStatus.ERROR);
        assertThat(result.errorMessage()).contains("IllegalStateException").contains("boom: now");
        assertThat(result.output()).isEmpty();
    }

    @Test
    void reportsClassThatCannotBeLoadedAsError() throws Exception {
        InvocationResult result = run(platform(), "missing-class", "", LIMITS);

        assertThat(result.status()).isEqualTo(InvocationStatus.ERROR);
        assertThat(result.errorMessage()).contains("missing-class").contains("NoSuchFunction").contains("cannot be loaded");
    }

    @Test
    void stopsFunctionAtItsTimeLimit() throws Exception {
        long start = System.nanoTime();
        InvocationResult result = run(platform(), "sleep", "20000", FunctionLimits.of(256, 1));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.status()).isEqualTo(InvocationStatus.TIMEOUT);
        assertThat(result.errorMessage()).contains("time limit of 1 s");
        assertThat(result.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(990));
        assertThat(elapsed).isLessThan(Duration.ofSeconds(15));
        assertThat(result.billedDurationMillis()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void functionSeesItsRemainingTimeAndMemory() throws Exception {
        InvocationResult result = run(platform(), "remaining", "", FunctionLimits.of(512, 7));

        String[] parts = result.outputText().split(",");
        assertThat(result.status()).isEqualTo(InvocationStatus.OK);
        assertThat(Long.parseLong(parts[0])).isBetween(4_000L, 7_000L);
        assertThat(parts[1]).isEqualTo("512");
    }

    @Test
    void rejectsUnregisteredFunctionWithoutRunningOrBillingIt() throws Exception {
        LocalPlatform platform = platform();
        InvocationResult result = run(platform, "no-such", "", LIMITS);

        assertThat(result.status()).isEqualTo(InvocationStatus.INVALID_REQUEST);
        assertThat(result.errorMessage()).contains("'no-such' is not registered").contains("sum");
        assertThat(result.billable()).isFalse();
        assertThat(platform.billing().bill().requests()).isZero();
    }

    @Test
    void rejectsLimitsOutsideTheRange() throws Exception {
        LocalPlatform platform = platform();

        InvocationResult tooSmall = run(platform, "sum", "1", FunctionLimits.of(64, 10));
        InvocationResult tooLarge = run(platform, "sum", "1", FunctionLimits.of(10_241, 10));
        InvocationResult tooLong = run(platform, "sum", "1", FunctionLimits.of(256, 901));

        assertThat(tooSmall.status()).isEqualTo(InvocationStatus.INVALID_REQUEST);
        assertThat(tooSmall.errorMessage()).contains("memoryMb 64").contains("128..10240 MB");
        assertThat(tooLarge.errorMessage()).contains("memoryMb 10241");
        assertThat(tooLong.status()).isEqualTo(InvocationStatus.INVALID_REQUEST);
        assertThat(tooLong.errorMessage()).contains("timeoutSeconds 901").contains("1..900 s");
    }

    @Test
    void chainsSuccessorsUntilTheCounterReachesItsTarget() throws Exception {
        LocalPlatform platform = platform();
        InvocationResult result = run(platform, "chain", "1,4", LIMITS);

        List<String> outputs = new ArrayList<>();
        while (true) {
            assertThat(result.status()).isEqualTo(InvocationStatus.OK);
            outputs.add(result.outputText().split("->")[0]);
            if (result.invokedIds().isEmpty()) {
                break;
            }
            assertThat(result.invokedIds()).hasSize(1);
            assertThat(result.outputText()).endsWith("->" + result.invokedIds().get(0));
            Invocation successor = platform.find(result.invokedIds().get(0)).orElseThrow();
            assertThat(successor.functionName()).isEqualTo("chain");
            assertThat(successor.limits()).isEqualTo(LIMITS);
            result = successor.await(WAIT);
        }
        assertThat(outputs).containsExactly("1", "2", "3", "4");
    }

    @Test
    void functionLearnsAtOnceThatItStartedAnUnregisteredFunction() throws Exception {
        InvocationResult result = run(platform(), "invoke-unknown", "", LIMITS);

        assertThat(result.status()).isEqualTo(InvocationStatus.OK);
        assertThat(result.outputText()).contains("'no-such-function' is not registered");
        assertThat(result.invokedIds()).isEmpty();
    }

    @Test
    void reusesWarmContainerForSameFunctionAndMemory() throws Exception {
        LocalPlatform platform = platform(options().coldStartDelay(Duration.ofMillis(300)).build());

        InvocationResult first = run(platform, "warm-count", "", LIMITS);
        InvocationResult second = run(platform, "warm-count", "", LIMITS);
        InvocationResult otherMemory = run(platform, "warm-count", "", FunctionLimits.of(512, 10));

        assertThat(first.coldStart()).isTrue();
        assertThat(first.startup()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(first.outputText()).isEqualTo("1");
        assertThat(second.coldStart()).isFalse();
        assertThat(second.startup()).isEqualTo(Duration.ZERO);
        assertThat(second.outputText()).isEqualTo("2");
        assertThat(otherMemory.coldStart()).isTrue();
        assertThat(otherMemory.outputText()).isEqualTo("1");
        assertThat(first.billedDurationMillis()).isGreaterThanOrEqualTo(300);
    }

    @Test
    void startsColdAgainAfterWarmContainerExpires() throws Exception {
        LocalPlatform platform = platform(options().warmIdleExpiry(Duration.ofMillis(200)).build());

        InvocationResult first = run(platform, "warm-count", "", LIMITS);
        Thread.sleep(600);
        InvocationResult second = run(platform, "warm-count", "", LIMITS);

        assertThat(first.coldStart()).isTrue();
        assertThat(second.coldStart()).isTrue();
        assertThat(second.outputText()).isEqualTo("1");
    }

    @Test
    void neverRunsMoreInvocationsAtOnceThanTheConcurrencyLimit() throws Exception {
        LocalPlatform platform = platform(options().concurrencyLimit(2).build());
        List<Invocation> invocations = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            invocations.add(platform.invoke("span", "300".getBytes(UTF_8), LIMITS));
        }
        List<long[]> spans = new ArrayList<>();
        long maxQueuedMillis = 0;
        for (Invocation invocation : invocations) {
            InvocationResult result = invocation.await(WAIT);
            assertThat(result.status()).isEqualTo(InvocationStatus.OK);
            String[] parts = result.outputText().split(",");
            spans.add(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
            maxQueuedMillis = Math.max(maxQueuedMillis, result.queued().toMillis());
        }

        assertThat(maxConcurrent(spans)).isBetween(1, 2);
        assertThat(maxQueuedMillis).isGreaterThanOrEqualTo(500);
    }

    /** Largest number of spans open at one instant; a span ending at t is closed before one starting at t. */
    static int maxConcurrent(List<long[]> spans) {
        List<long[]> events = new ArrayList<>();
        for (long[] span : spans) {
            events.add(new long[] {span[0], +1});
            events.add(new long[] {span[1], -1});
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int open = 0;
        int max = 0;
        for (long[] event : events) {
            open += (int) event[1];
            max = Math.max(max, open);
        }
        return max;
    }

    @Test
    void killEndsRunningInvocationAsKilled() throws Exception {
        LocalPlatform platform = platform();
        Path marker = tempDir.resolve("running");
        Invocation invocation = platform.invoke("sleep", ("20000," + marker).getBytes(UTF_8), LIMITS);
        awaitFile(marker);

        long start = System.nanoTime();
        assertThat(invocation.kill()).isTrue();
        InvocationResult result = invocation.await(WAIT);

        assertThat(result.status()).isEqualTo(InvocationStatus.KILLED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(result.billable()).isTrue();
        assertThat(invocation.kill()).isFalse();
    }

    @Test
    void cancelledQueuedInvocationNeverRunsAndIsNotBilled() throws Exception {
        LocalPlatform platform = platform(options().concurrencyLimit(1).build());
        Path marker = tempDir.resolve("running");
        Invocation first = platform.invoke("sleep", ("800," + marker).getBytes(UTF_8), LIMITS);
        Path never = tempDir.resolve("never");
        Invocation queued = platform.invoke("sleep", ("10," + never).getBytes(UTF_8), LIMITS);
        awaitFile(marker);

        assertThat(queued.cancel()).isTrue();
        InvocationResult cancelled = queued.await(WAIT);
        InvocationResult finished = first.await(WAIT);

        assertThat(cancelled.status()).isEqualTo(InvocationStatus.CANCELLED);
        assertThat(cancelled.errorMessage()).contains("never ran");
        assertThat(cancelled.billable()).isFalse();
        assertThat(finished.status()).isEqualTo(InvocationStatus.OK);
        assertThat(never).doesNotExist();
    }

    @Test
    void meterChargesEveryBillableResult() throws Exception {
        LocalPlatform platform = platform();
        List<InvocationResult> results = new ArrayList<>();
        results.add(run(platform, "sum", "1,2", LIMITS));
        results.add(run(platform, "fail", "x", FunctionLimits.of(1024, 10)));
        results.add(run(platform, "no-such", "", LIMITS));

        BillingMeter.Bill bill = platform.billing().bill();
        LambdaRate rate = platform.billing().rate();
        double expectedUsd = 0;
        long expectedMillis = 0;
        for (InvocationResult result : results) {
            if (result.billable()) {
                expectedUsd += rate.chargeUsd(result.memoryMb(), result.billedDurationMillis());
                expectedMillis += result.billedDurationMillis();
            }
        }
        assertThat(bill.requests()).isEqualTo(2);
        assertThat(bill.billedMillis()).isEqualTo(expectedMillis);
        assertThat(bill.totalUsd()).isCloseTo(expectedUsd, org.assertj.core.data.Offset.offset(1e-15));
    }

    @Test
    void closingPlatformEndsRunningAndQueuedInvocations() throws Exception {
        LocalPlatform platform = create(options().concurrencyLimit(1).build());
        Path marker = tempDir.resolve("running");
        Invocation running = platform.invoke("sleep", ("20000," + marker).getBytes(UTF_8), LIMITS);
        Invocation queued = platform.invoke("sum", "1".getBytes(UTF_8), LIMITS);
        awaitFile(marker);

        platform.close();

        assertThat(running.await(WAIT).status()).isEqualTo(InvocationStatus.KILLED);
        assertThat(queued.await(WAIT).status()).isIn(InvocationStatus.KILLED, InvocationStatus.CANCELLED);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> platform.invoke("sum", new byte[0], LIMITS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    protected static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + file);
            }
            Thread.sleep(10);
        }
    }
}
