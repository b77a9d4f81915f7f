package dev.cumulus.runtime.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.cumulus.runtime.FunctionLimits;
import dev.cumulus.runtime.FunctionLoadException;
import dev.cumulus.runtime.FunctionRegistry;
import dev.cumulus.runtime.InvalidInvocationException;
import dev.cumulus.runtime.InvocationContext;
import dev.cumulus.runtime.InvocationStatus;
import dev.cumulus.runtime.WorkerFunction;
import dev.cumulus.runtime.local.LocalContext;
import dev.cumulus.runtime.local.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * The AWS Lambda entry point ({@code dev.cumulus.runtime.lambda.LambdaHandler::handleRequest}): it reads a
 * {@link LambdaRequest}, runs the registered function it names with the time Lambda has left, and writes a
 * {@link LambdaResponse}.
 *
 * <p>A bad event (not JSON, a missing field, an unregistered function, a memory size other than the
 * deployed one) is answered with status INVALID_REQUEST and a message. A function that throws makes the
 * handler throw {@link FunctionFailedException}, so Lambda reports a function error exactly as for any
 * failed function. One handler instance lives per Lambda sandbox, so it keeps each function's instance warm.
 * Functions started through the context are sent as asynchronous (Event) invocations, created lazily from
 * the same {@link LambdaSettings} the invoker uses.
 */
public class LambdaHandler implements RequestStreamHandler, AutoCloseable {

    private final FunctionRegistry registry;
    private final LambdaSettings settings;
    private final long constructedMillis = System.currentTimeMillis();
    private final Map<String, WorkerFunction> instances = new HashMap<>();
    private LambdaInvoker successors;
    private boolean served;

    /** The handler Lambda constructs: registry from {@link FunctionRegistry#discover()}, settings from the environment. */
    public LambdaHandler() {
        this(FunctionRegistry.discover(), LambdaSettings.fromEnvironment(System.getenv()));
    }

    /** A handler with an explicit registry and settings for the invocations its functions start. */
    public LambdaHandler(FunctionRegistry registry, LambdaSettings settings) {
        this.registry = java.util.Objects.requireNonNull(registry, "registry");
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        boolean coldStart = !served;
        served = true;
        double initMillis = coldStart ? initMillis() : 0;
        LambdaRequest request;
        try {
            request = LambdaRequest.parse(input.readAllBytes());
            check(request, context);
        } catch (InvalidInvocationException e) {
            log(context, "cumulus: invalid request: " + e.getMessage());
            output.write(new LambdaResponse(InvocationStatus.INVALID_REQUEST, new byte[0], e.getMessage(), List.of(),
                    coldStart, initMillis, 0).toJson());
            return;
        }
        long remainingMillis = Math.min(context.getRemainingTimeInMillis(), request.limits().timeoutMillis());
        Instant deadline = Instant.now().plusMillis(remainingMillis);
        FunctionLimits limits = FunctionLimits.of(context.getMemoryLimitInMB(), request.limits().timeoutSeconds());
        List<String> invoked = new ArrayList<>();
        InvocationContext functionContext = new LocalContext(request.invocationId(), request.functionName(), limits,
                deadline, (name, payload, childLimits) -> {
                    LocalContext.check(name, payload, childLimits, registry, settings.limitRange());
                    String id = startAsync(name, payload, childLimits);
                    invoked.add(id);
                    return id;
                });
        long startNanos = System.nanoTime();
        byte[] result;
        try {
            result = instance(request).handle(request.payload(), functionContext);
        } catch (FunctionLoadException e) {
            throw new FunctionFailedException(e.getMessage(), e);
        } catch (Exception | Error e) {
            throw new FunctionFailedException(Outcome.describe(e), e);
        }
        double durationMillis = (System.nanoTime() - startNanos) / 1e6;
        output.write(new LambdaResponse(InvocationStatus.OK, result == null ? new byte[0] : result, "", invoked,
                coldStart, initMillis, durationMillis).toJson());
    }

    /** Closes the client used for successor invocations, if one was made. */
    @Override
    public synchronized void close() {
        if (successors != null) {
            successors.close();
            successors = null;
        }
    }

    private void check(LambdaRequest request, Context context) {
        registry.violation(request.functionName()).ifPresent(problem -> {
            throw new InvalidInvocationException(problem);
        });
        if (request.limits().memoryMb() != context.getMemoryLimitInMB()) {
            throw new InvalidInvocationException("Invocation of '" + request.functionName() + "' asked for "
                    + request.limits().memoryMb() + " MB, but Lambda function '" + context.getFunctionName()
                    + "' is deployed with " + context.getMemoryLimitInMB() + " MB; check the function name template");
        }
    }

    private WorkerFunction instance(LambdaRequest request) {
        String className = registry.className(request.functionName()).orElseThrow();
        WorkerFunction function = instances.get(className);
        if (function == null) {
            function = FunctionRegistry.instantiateClass(request.functionName(), className);
            instances.put(className, function);
        }
        return function;
    }

    private String startAsync(String functionName, byte[] payload, FunctionLimits limits) {
        String id = UUID.randomUUID().toString();
        try {
            invoker().invoke(new LambdaRequest(functionName, id, limits, payload), InvocationType.EVENT);
        } catch (SdkException e) {
            throw new IllegalStateException("AWS Lambda did not accept the invocation of '" + functionName + "': "
                    + e.getMessage(), e);
        }
        return id;
    }

    private synchronized LambdaInvoker invoker() {
        if (successors == null) {
            successors = new LambdaInvoker(settings);
        }
        return successors;
    }

    private double initMillis() {
        try {
            return Math.max(0, System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
        } catch (RuntimeException | LinkageError e) {
            return Math.max(0, System.currentTimeMillis() - constructedMillis);
        }
    }

    private static void log(Context context, String message) {
        if (context.getLogger() != null) {
            context.getLogger().log(message + "\n");
        }
    }

    /** Thrown out of the handler when the function fails, so Lambda reports a function error. */
    public static final class FunctionFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public FunctionFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
