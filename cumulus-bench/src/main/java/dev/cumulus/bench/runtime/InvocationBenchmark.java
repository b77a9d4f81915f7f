package dev.cumulus.bench.runtime;

import dev.cumulus.runtime.FunctionLimits;
import dev.cumulus.runtime.FunctionPlatform;
import dev.cumulus.runtime.FunctionRegistry;
import dev.cumulus.runtime.InvocationResult;
import dev.cumulus.runtime.InvocationStatus;
import dev.cumulus.runtime.local.LocalOptions;
import dev.cumulus.runtime.local.ThreadPlatform;
import dev.cumulus.runtime.process.ProcessOptions;
import dev.cumulus.runtime.process.ProcessPlatform;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one invocation costs on the local platforms, warm and cold, against calling the function directly:
 * the start-up cost a FaaS run pays and the per-invocation overhead of the platform machinery.
 */
@Fork(1)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class InvocationBenchmark {

    static final FunctionRegistry REGISTRY = FunctionRegistry.builder().register("sum", SumFunction.class).build();
    static final FunctionLimits LIMITS = FunctionLimits.of(256, 60);
    static final byte[] PAYLOAD = new byte[64];
    static final Duration WAIT = Duration.ofSeconds(60);

    static LocalOptions noDelay() {
        return LocalOptions.builder().coldStartDelay(Duration.ZERO).concurrencyLimit(1).build();
    }

    static byte[] invoke(FunctionPlatform platform) throws Exception {
        InvocationResult result = platform.invoke("sum", PAYLOAD, LIMITS).await(WAIT);
        if (result.status() != InvocationStatus.OK) {
            throw new IllegalStateException("Benchmark invocation failed: " + result);
        }
        return result.output();
    }

    /** Warm platforms, kept for a whole trial. */
    @State(Scope.Benchmark)
    public static class Warm {
        ThreadPlatform threads;
        ProcessPlatform processes;
        final SumFunction direct = new SumFunction();

        @Setup(Level.Trial)
        public void start() throws Exception {
            threads = new ThreadPlatform(REGISTRY, noDelay());
            processes = new ProcessPlatform(REGISTRY, noDelay(), ProcessOptions.defaults());
            invoke(threads);
            invoke(processes);
        }

        @TearDown(Level.Trial)
        public void stop() {
            threads.close();
            processes.close();
        }
    }

    /** A fresh platform per invocation, so every measured invocation is a cold start. */
    @State(Scope.Thread)
    public static class Cold {
        ThreadPlatform threads;
        ProcessPlatform processes;

        @Setup(Level.Invocation)
        public void start() {
            threads = new ThreadPlatform(REGISTRY, noDelay());
            processes = new ProcessPlatform(REGISTRY, noDelay(), ProcessOptions.defaults());
        }

        @TearDown(Level.Invocation)
        public void stop() {
            threads.close();
            processes.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public byte[] directCall(Warm warm) throws Exception {
        return warm.direct.handle(PAYLOAD, null);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public byte[] threadsWarm(Warm warm) throws Exception {
        return invoke(warm.threads);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public byte[] processesWarm(Warm warm) throws Exception {
        return invoke(warm.processes);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 10)
    public byte[] threadsCold(Cold cold) throws Exception {
        return invoke(cold.threads);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2)
    @Measurement(iterations = 10)
    public byte[] processesCold(Cold cold) throws Exception {
        return invoke(cold.processes);
    }
}
