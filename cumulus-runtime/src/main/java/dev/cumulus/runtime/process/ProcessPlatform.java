package dev.cumulus.runtime.process;

import dev.cumulus.runtime.FunctionRegistry;
import dev.cumulus.runtime.local.Container;
import dev.cumulus.runtime.local.ContainerStartException;
import dev.cumulus.runtime.local.LocalOptions;
import dev.cumulus.runtime.local.LocalPlatform;
import dev.cumulus.runtime.local.WarmPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs every container as its own child JVM, so a function can be killed like a real one (SIGKILL) and a
 * crash takes only its own process down. A warm container is a JVM kept alive between invocations of the
 * same function and memory size; its cold start is the real JVM start-up plus the configured delay. The
 * memory size becomes the child's {@code -Xmx} in the default command. With
 * {@code LocalOptions.warmIdleExpiry(Duration.ZERO)} every invocation gets a JVM of its own. Each process's standard error goes
 * to a log file in a temporary directory that {@link #close()} deletes.
 */
public final class ProcessPlatform extends LocalPlatform {

    private final ProcessOptions processOptions;
    private final Path logDirectory;
    private final AtomicInteger started = new AtomicInteger();

    /** Processes with {@link LocalOptions#defaults()} (but no extra cold-start delay) and {@link ProcessOptions#defaults()}. */
    public ProcessPlatform(FunctionRegistry registry) {
        this(registry, LocalOptions.defaults().withColdStartDelay(java.time.Duration.ZERO), ProcessOptions.defaults());
    }

    public ProcessPlatform(FunctionRegistry registry, LocalOptions options, ProcessOptions processOptions) {
        super(registry, options);
        this.processOptions = java.util.Objects.requireNonNull(processOptions, "processOptions");
        try {
            this.logDirectory = Files.createTempDirectory("cumulus-processes-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for function process logs", e);
        }
    }

    @Override
    public String type() {
        return "processes";
    }

    /** Processes started so far (cold starts). */
    public int processesStarted() {
        return started.get();
    }

    @Override
    protected Container startContainer(WarmPool.Key key, String className) throws InterruptedException {
        int number = started.incrementAndGet();
        Path log = logDirectory.resolve(key.functionName() + "-" + number + ".stderr.log");
        try {
            Files.createFile(log);
        } catch (IOException e) {
            throw new ContainerStartException("Cannot create log file " + log + ": " + e.getMessage(), e);
        }
        return ProcessContainer.start(key.functionName(), processOptions.commandFor(key.memoryMb()), log,
                processOptions.initTimeout());
    }

    @Override
    protected void closeResources() {
        try (Stream<Path> files = Files.walk(logDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Leftover logs in the temporary directory are harmless.
        }
    }
}
