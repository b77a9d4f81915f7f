package dev.cumulus.runtime.local;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cumulus.runtime.InvocationResult;
import dev.cumulus.runtime.InvocationStatus;
import dev.cumulus.runtime.testfunctions.TestFunctions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThreadPlatformTest extends LocalPlatformContract {

    @Override
    protected LocalPlatform create(LocalOptions options) {
        return new ThreadPlatform(TestFunctions.registry(), options);
    }

    @Test
    void isNamedThreads() {
        assertThat(platform().type()).isEqualTo("threads");
    }

    @Test
    void coldStartDelayIsPaidOncePerContainer() throws Exception {
        LocalPlatform platform = platform(options().coldStartDelay(Duration.ofMillis(400)).build());

        long start = System.nanoTime();
        InvocationResult cold = run(platform, "sum", "1", LIMITS);
        long coldNanos = System.nanoTime() - start;
        start = System.nanoTime();
        InvocationResult warm = run(platform, "sum", "2", LIMITS);
        long warmNanos = System.nanoTime() - start;

        assertThat(cold.status()).isEqualTo(InvocationStatus.OK);
        assertThat(Duration.ofNanos(coldNanos)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(Duration.ofNanos(warmNanos)).isLessThan(Duration.ofMillis(400));
        assertThat(warm.outputText()).isEqualTo("2");
        assertThat(platform.warmContainers()).isEqualTo(1);
    }

    @Test
    void timedOutContainerIsNotReused() throws Exception {
        LocalPlatform platform = platform();
        InvocationResult timedOut = platform.invoke("sleep", "5000".getBytes(UTF_8),
                dev.cumulus.runtime.FunctionLimits.of(256, 1)).await(WAIT);

        assertThat(timedOut.status()).isEqualTo(InvocationStatus.TIMEOUT);
        assertThat(platform.warmContainers()).isZero();
    }

    /** A driver cleans its store once the platform is closed: a stopped function must be done writing by then. */
    @Test
    void closeWaitsForAStoppedFunctionToUnwind(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        LocalPlatform platform = platform();
        java.nio.file.Path started = tmp.resolve("started");
        java.nio.file.Path unwound = tmp.resolve("unwound");
        platform.invoke("unwind", (started + "," + unwound).getBytes(UTF_8), LIMITS);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!java.nio.file.Files.exists(started)) {
            assertThat(System.nanoTime()).as("the function started").isLessThan(deadline);
            Thread.sleep(5);
        }

        platform.close();

        assertThat(unwound).as("written by the function as it unwound, before close returned").exists();
    }
}
