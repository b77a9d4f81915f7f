package dev.cumulus.runtime.local;

import dev.cumulus.runtime.FunctionLimits;
import dev.cumulus.runtime.FunctionRegistry;
import dev.cumulus.runtime.InvalidInvocationException;
import dev.cumulus.runtime.InvocationContext;
import dev.cumulus.runtime.LimitRange;
import java.time.Instant;
import java.util.function.Function;

/**
 * The {@link InvocationContext} of a local run; the starter it is given checks each request against the
 * platform's registry and limit range, so a bad name fails in the calling function at once.
 */
public final class LocalContext implements InvocationContext {

    /** Starts a checked request; returns the new id. */
    @FunctionalInterface
    public interface Starter {
        String start(String functionName, byte[] payload, FunctionLimits limits);
    }

    private final String invocationId;
    private final String functionName;
    private final FunctionLimits limits;
    private final Instant deadline;
    private final Starter starter;

    public LocalContext(String invocationId, String functionName, FunctionLimits limits, Instant deadline,
            Starter starter) {
        this.invocationId = invocationId;
        this.functionName = functionName;
        this.limits = limits;
        this.deadline = deadline;
        this.starter = starter;
    }

    /** Checks a request the way every platform does; throws {@link InvalidInvocationException} if it is bad. */
    public static void check(String functionName, byte[] payload, FunctionLimits limits, FunctionRegistry registry,
            LimitRange limitRange) {
        if (payload == null) {
            throw new InvalidInvocationException("payload for function '" + functionName + "' is null");
        }
        registry.violation(functionName).or(() -> limitRange.violation(limits))
                .map((Function<String, InvalidInvocationException>) InvalidInvocationException::new)
                .ifPresent(e -> {
                    throw e;
                });
    }

    @Override
    public String invocationId() {
        return invocationId;
    }

    @Override
    public String functionName() {
        return functionName;
    }

    @Override
    public FunctionLimits limits() {
        return limits;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public String invokeAsync(String name, byte[] payload, FunctionLimits requested) {
        return starter.start(name, payload, requested);
    }
}
