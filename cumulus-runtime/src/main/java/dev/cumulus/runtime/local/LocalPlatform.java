package dev.cumulus.runtime.local;

import dev.cumulus.runtime.FunctionLimits;
import dev.cumulus.runtime.FunctionLoadException;
import dev.cumulus.runtime.FunctionPlatform;
import dev.cumulus.runtime.FunctionRegistry;
import dev.cumulus.runtime.Invocation;
import dev.cumulus.runtime.InvocationResult;
import dev.cumulus.runtime.InvocationStatus;
import dev.cumulus.runtime.LimitRange;
import dev.cumulus.runtime.billing.BillingMeter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The machinery the local platforms share: validation, a FIFO queue in front of a fixed number of
 * concurrency slots, a warm pool of containers with a cold-start delay, time limits, and billing. A
 * subclass says only how to start a container.
 */
public abstract class LocalPlatform implements FunctionPlatform {

    private static final AtomicInteger PLATFORMS = new AtomicInteger();
    /** How long {@link #close} waits, in all, for the stopped functions' threads to end. */
    private static final Duration STOPPED_WAIT = Duration.ofSeconds(2);

    private final FunctionRegistry registry;
    private final LocalOptions options;
    private final WarmPool pool;
    private final ThreadPoolExecutor slots;
    private final ScheduledExecutorService reaper;
    private final BillingMeter billing;
    private final Map<String, LocalInvocation> invocations = new ConcurrentHashMap<>();
    /** Containers closed after their function was stopped (killed, cancelled, timed out), awaited by {@link #close}. */
    private final java.util.Queue<Container> stopped = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    protected LocalPlatform(FunctionRegistry registry, LocalOptions options) {
        this.registry = java.util.Objects.requireNonNull(registry, "registry");
        this.options = java.util.Objects.requireNonNull(options, "options");
        this.pool = new WarmPool(options.warmIdleExpiry());
        this.billing = new BillingMeter(options.rate());
        String prefix = "cumulus-" + type() + "-" + PLATFORMS.incrementAndGet();
        AtomicInteger slotNumber = new AtomicInteger();
        this.slots = new ThreadPoolExecutor(options.concurrencyLimit(), options.concurrencyLimit(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, prefix + "-slot-" + slotNumber.incrementAndGet()));
        this.slots.allowCoreThreadTimeOut(true);
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, prefix + "-reaper"));
        long periodMillis = Math.max(100, Math.min(60_000, options.warmIdleExpiry().toMillis() / 2));
        reaper.scheduleWithFixedDelay(pool::evictExpired, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a new container for {@code key}, paying its real start-up cost (the configured cold-start
     * delay is added by the caller).
     *
     * @throws FunctionLoadException if the function's class cannot be loaded or instantiated
     * @throws ContainerStartException if the sandbox itself cannot start
     */
    protected abstract Container startContainer(WarmPool.Key key, String className) throws InterruptedException;

    /** Releases what a subclass owns, after every container is closed. */
    protected void closeResources() {
    }

    @Override
    public final Invocation invoke(String functionName, byte[] payload, FunctionLimits limits) {
        return submit(newId(), functionName, payload, limits);
    }

    @Override
    public final Optional<Invocation> find(String invocationId) {
        return Optional.ofNullable(invocations.get(invocationId));
    }

    @Override
    public final LimitRange limitRange() {
        return options.limitRange();
    }

    @Override
    public final int concurrencyLimit() {
        return options.concurrencyLimit();
    }

    @Override
    public final BillingMeter billing() {
        return billing;
    }

    /** The functions this platform can run. */
    public final FunctionRegistry registry() {
        return registry;
    }

    /** The options it was built with. */
    public final LocalOptions options() {
        return options;
    }

    /** Containers currently kept warm. */
    public final int warmContainers() {
        return pool.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (LocalInvocation invocation : invocations.values()) {
            invocation.kill();
        }
        slots.shutdown();
        try {
            if (!slots.awaitTermination(10, TimeUnit.SECONDS)) {
                slots.shutdownNow();
            }
        } catch (InterruptedException e) {
            slots.shutdownNow();
            Thread.currentThread().interrupt();
        }
        reaper.shutdownNow();
        pool.close();
        // The stopped functions' threads are given a moment to end, so that a closed platform's
        // functions have stopped writing to the store its caller is about to clean (a heartbeat
        // written after a failed run's clean-up was left in a file store). One that ignores its
        // interrupt is left behind.
        long deadline = System.nanoTime() + STOPPED_WAIT.toNanos();
        for (Container container : stopped) {
            container.awaitClosed(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        closeResources();
    }

    private LocalInvocation submit(String id, String functionName, byte[] payload, FunctionLimits limits) {
        if (closed) {
            throw new IllegalStateException("The " + type() + " platform is closed; cannot invoke '" + functionName + "'");
        }
        int memoryMb = limits == null ? 0 : limits.memoryMb();
        LocalInvocation invocation = new LocalInvocation(id, String.valueOf(functionName),
                limits == null ? FunctionLimits.of(0, 0) : limits, payload);
        if (invocations.putIfAbsent(id, invocation) != null) {
            throw new IllegalStateException("Duplicate invocation id " + id);
        }
        Optional<String> problem = payload == null ? Optional.of("payload is null")
                : registry.violation(functionName).or(() -> options.limitRange().violation(limits));
        if (problem.isPresent()) {
            invocation.complete(InvocationResult.invalid(id, String.valueOf(functionName), memoryMb,
                    "Invalid invocation of '" + functionName + "' on the " + type() + " platform: " + problem.get()));
            return invocation;
        }
        try {
            slots.execute(() -> execute(invocation));
        } catch (RejectedExecutionException e) {
            invocation.complete(InvocationResult.builder(id, functionName).status(InvocationStatus.CANCELLED)
                    .errorMessage("the " + type() + " platform closed before it could run").memoryMb(memoryMb).build());
        }
        return invocation;
    }

    private String spawn(LocalInvocation parent, String functionName, byte[] payload, FunctionLimits limits) {
        LocalContext.check(functionName, payload, limits, registry, options.limitRange());
        if (closed) {
            throw new IllegalStateException("The " + type() + " platform is closed; cannot invoke '" + functionName + "'");
        }
        String id = newId();
        submit(id, functionName, payload, limits);
        parent.addInvoked(id);
        return id;
    }

    private void execute(LocalInvocation invocation) {
        // close() kills the invocations in no particular order: a slot that a killed one frees must
        // not start a queued one that close() has not reached yet (it ran to completion under a
        // closed platform, now and then, in LocalPlatformContract's close test).
        if (closed) {
            invocation.kill();
            return;
        }
        if (!invocation.start()) {
            return;
        }
        InvocationResult.Builder result = InvocationResult.builder(invocation.invocationId(), invocation.functionName())
                .memoryMb(invocation.limits().memoryMb())
                .queued(Duration.ofNanos(System.nanoTime() - invocation.submittedNanos()));
        try {
            run(invocation, result);
        } catch (RuntimeException | Error e) {
            result.status(InvocationStatus.ERROR).errorMessage("The " + type() + " platform failed to run it: "
                    + Outcome.describe(e));
        }
        InvocationResult done = result.invokedIds(invocation.invokedIds()).build();
        billing.record(done);
        invocation.complete(done);
    }

    private void run(LocalInvocation invocation, InvocationResult.Builder result) {
        FunctionLimits limits = invocation.limits();
        WarmPool.Key key = new WarmPool.Key(invocation.functionName(), limits.memoryMb());
        Container container = pool.take(key);
        Duration startup = Duration.ZERO;
        result.coldStart(container == null);
        if (container == null) {
            long startNanos = System.nanoTime();
            try {
                container = startContainer(key, registry.className(invocation.functionName()).orElseThrow());
                if (!options.coldStartDelay().isZero()) {
                    Thread.sleep(options.coldStartDelay().toMillis());
                }
            } catch (FunctionLoadException | ContainerStartException e) {
                startup = Duration.ofNanos(System.nanoTime() - startNanos);
                bill(result.status(InvocationStatus.ERROR).errorMessage(e.getMessage()).startup(startup), startup);
                return;
            } catch (InterruptedException e) {
                if (container != null) {
                    container.close();
                }
                Thread.currentThread().interrupt();
                result.status(InvocationStatus.CANCELLED).errorMessage("the " + type() + " platform closed during cold start");
                return;
            }
            startup = Duration.ofNanos(System.nanoTime() - startNanos);
        }
        result.startup(startup);
        LocalInvocation.Stop early = invocation.attach(container);
        Outcome outcome;
        if (early != LocalInvocation.Stop.NONE) {
            container.stop(early == LocalInvocation.Stop.KILL);
            outcome = Outcome.failed(early == LocalInvocation.Stop.KILL ? InvocationStatus.KILLED : InvocationStatus.CANCELLED,
                    "stopped by the caller during cold start", Duration.ZERO);
        } else {
            Instant deadline = Instant.now().plusMillis(limits.timeoutMillis());
            Task task = new Task(invocation.invocationId(), invocation.functionName(),
                    registry.className(invocation.functionName()).orElseThrow(), limits, invocation.takePayload(), deadline,
                    (name, payload, childLimits) -> spawn(invocation, name, payload, childLimits));
            outcome = container.run(task);
        }
        LocalInvocation.Stop stop = invocation.detach();
        boolean keep = stop == LocalInvocation.Stop.NONE && !closed && container.reusable()
                && (outcome.status() == InvocationStatus.OK || outcome.status() == InvocationStatus.ERROR);
        if (keep) {
            pool.put(key, container);
        } else {
            container.close();
            if (outcome.status() != InvocationStatus.OK && outcome.status() != InvocationStatus.ERROR) {
                stopped.add(container);
            }
        }
        result.status(outcome.status()).output(outcome.output()).errorMessage(outcome.errorMessage())
                .duration(outcome.duration());
        outcome.exitCode().ifPresent(result::exitCode);
        bill(result, startup.plus(outcome.duration()));
    }

    private void bill(InvocationResult.Builder result, Duration charged) {
        // Lambda bills the INIT phase of a cold start together with the handler's duration.
        result.billable(true).billedDurationMillis(options.rate().billedMillis(charged));
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
