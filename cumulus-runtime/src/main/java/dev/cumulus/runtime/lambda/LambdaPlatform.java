package dev.cumulus.runtime.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cumulus.runtime.FunctionLimits;
import dev.cumulus.runtime.FunctionPlatform;
import dev.cumulus.runtime.InvalidInvocationException;
import dev.cumulus.runtime.Invocation;
import dev.cumulus.runtime.InvocationResult;
import dev.cumulus.runtime.InvocationStatus;
import dev.cumulus.runtime.LimitRange;
import dev.cumulus.runtime.billing.BillingMeter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Invokes functions deployed on AWS Lambda (or a Lambda-compatible endpoint) with RequestResponse calls
 * through AWS SDK v2, at most {@link #concurrencyLimit()} at a time.
 *
 * <p>The service enforces time limits and starts sandboxes; this client maps what it answers onto
 * {@link InvocationResult}: a function error becomes ERROR (TIMEOUT for "Task timed out", CRASHED for
 * {@code Runtime.ExitError}), a missing deployed function or an oversized request INVALID_REQUEST, other
 * service or network failures ERROR; nothing is retried. The billed duration is read from the log tail
 * Lambda returns ("Billed Duration: N ms") and computed from the handler's timings when absent.
 * Invocations that functions start themselves run asynchronously on Lambda and are not visible to
 * {@link #find(String)}; their ids are in {@link InvocationResult#invokedIds()}.
 */
public final class LambdaPlatform implements FunctionPlatform {

    private static final Pattern BILLED = Pattern.compile("Billed Duration: (\\d+) ms");
    private static final Pattern INIT = Pattern.compile("Init Duration: ([0-9.]+) ms");
    private static final AtomicInteger PLATFORMS = new AtomicInteger();

    private final LambdaSettings settings;
    private final LambdaInvoker invoker;
    private final ExecutorService slots;
    private final BillingMeter billing;
    private final Map<String, LambdaInvocation> invocations = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public LambdaPlatform(LambdaSettings settings) {
        this.settings = java.util.Objects.requireNonNull(settings, "settings");
        this.invoker = new LambdaInvoker(settings);
        this.billing = new BillingMeter(settings.rate());
        String prefix = "cumulus-lambda-" + PLATFORMS.incrementAndGet() + "-slot-";
        AtomicInteger slot = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(settings.concurrencyLimit(), settings.concurrencyLimit(),
                30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, prefix + slot.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        this.slots = executor;
    }

    @Override
    public String type() {
        return "lambda";
    }

    @Override
    public Invocation invoke(String functionName, byte[] payload, FunctionLimits limits) {
        if (closed) {
            throw new IllegalStateException("The lambda platform is closed; cannot invoke '" + functionName + "'");
        }
        String id = UUID.randomUUID().toString();
        LambdaInvocation invocation = new LambdaInvocation(id, String.valueOf(functionName),
                limits == null ? FunctionLimits.of(0, 0) : limits);
        invocations.put(id, invocation);
        Optional<String> problem = problem(functionName, payload, limits);
        if (problem.isPresent()) {
            invocation.complete(InvocationResult.invalid(id, String.valueOf(functionName),
                    limits == null ? 0 : limits.memoryMb(),
                    "Invalid invocation of '" + functionName + "' on the lambda platform: " + problem.get()));
            return invocation;
        }
        LambdaRequest request = new LambdaRequest(functionName, id, limits, payload);
        try {
            slots.execute(() -> run(invocation, request));
        } catch (RejectedExecutionException e) {
            invocation.complete(InvocationResult.builder(id, functionName).status(InvocationStatus.CANCELLED)
                    .errorMessage("the lambda platform closed before it could send it").memoryMb(limits.memoryMb()).build());
        }
        return invocation;
    }

    @Override
    public Optional<Invocation> find(String invocationId) {
        return Optional.ofNullable(invocations.get(invocationId));
    }

    @Override
    public LimitRange limitRange() {
        return settings.limitRange();
    }

    @Override
    public int concurrencyLimit() {
        return settings.concurrencyLimit();
    }

    @Override
    public BillingMeter billing() {
        return billing;
    }

    /** The settings it was built with. */
    public LambdaSettings settings() {
        return settings;
    }

    /** Drops queued invocations, waits up to 10 s for those in flight, and closes the SDK client. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        invocations.values().forEach(LambdaInvocation::cancel);
        slots.shutdown();
        try {
            if (!slots.awaitTermination(10, TimeUnit.SECONDS)) {
                slots.shutdownNow();
            }
        } catch (InterruptedException e) {
            slots.shutdownNow();
            Thread.currentThread().interrupt();
        }
        invoker.close();
    }

    private Optional<String> problem(String functionName, byte[] payload, FunctionLimits limits) {
        if (functionName == null || payload == null) {
            return Optional.of("function name and payload are required");
        }
        Optional<String> range = settings.limitRange().violation(limits);
        if (range.isPresent()) {
            return range;
        }
        try {
            settings.awsFunctionName(functionName, limits.memoryMb());
            return Optional.empty();
        } catch (InvalidInvocationException e) {
            return Optional.of(e.getMessage());
        }
    }

    private void run(LambdaInvocation invocation, LambdaRequest request) {
        if (!invocation.start()) {
            return;
        }
        InvocationResult.Builder result = InvocationResult.builder(request.invocationId(), request.functionName())
                .memoryMb(request.limits().memoryMb()).queued(invocation.queued());
        long startNanos = System.nanoTime();
        try {
            interpret(invoker.invoke(request, InvocationType.REQUEST_RESPONSE), result,
                    Duration.ofNanos(System.nanoTime() - startNanos));
        } catch (InvalidInvocationException e) {
            result.status(InvocationStatus.INVALID_REQUEST).errorMessage(e.getMessage());
        } catch (AwsServiceException e) {
            result.status(InvocationStatus.ERROR).errorMessage("AWS Lambda refused to invoke '"
                    + request.functionName() + "' (" + e.awsErrorDetails().errorCode() + ", HTTP " + e.statusCode()
                    + "): " + e.awsErrorDetails().errorMessage() + "; not retried");
        } catch (SdkClientException e) {
            result.status(InvocationStatus.ERROR).errorMessage("Could not complete the call to AWS Lambda for '"
                    + request.functionName() + "': " + e.getMessage() + "; not retried");
        } catch (RuntimeException e) {
            result.status(InvocationStatus.ERROR).errorMessage("Invoking '" + request.functionName()
                    + "' on AWS Lambda failed: " + e);
        }
        InvocationResult done = result.build();
        billing.record(done);
        invocation.complete(done);
    }

    private void interpret(InvokeResponse response, InvocationResult.Builder result, Duration roundTrip) {
        byte[] body = response.payload() == null ? new byte[0] : response.payload().asByteArray();
        String log = response.logResult() == null ? ""
                : new String(Base64.getMimeDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        result.billable(true);
        Duration duration = roundTrip;
        Duration init = Duration.ZERO;
        boolean cold = INIT.matcher(log).find();
        if (response.functionError() != null) {
            describeFunctionError(body, result);
        } else {
            LambdaResponse answer;
            try {
                answer = LambdaResponse.parse(body);
            } catch (InvalidInvocationException e) {
                result.status(InvocationStatus.ERROR).errorMessage("The deployed function did not answer like "
                        + "dev.cumulus.runtime.lambda.LambdaHandler (is it the handler?): " + e.getMessage());
                answer = null;
            }
            if (answer != null) {
                result.status(answer.status()).output(answer.output()).errorMessage(answer.error())
                        .invokedIds(answer.invokedIds());
                duration = millis(answer.durationMillis());
                cold = cold || answer.coldStart();
                init = answer.coldStart() ? millis(answer.initMillis()) : Duration.ZERO;
            }
        }
        Matcher initMatch = INIT.matcher(log);
        if (initMatch.find()) {
            init = millis(Double.parseDouble(initMatch.group(1)));
        }
        result.duration(duration).coldStart(cold).startup(init);
        Matcher billed = BILLED.matcher(log);
        result.billedDurationMillis(billed.find() ? Long.parseLong(billed.group(1))
                : settings.rate().billedMillis(init.plus(duration)));
    }

    private static void describeFunctionError(byte[] body, InvocationResult.Builder result) {
        String message = new String(body, StandardCharsets.UTF_8);
        String type = "";
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node != null && node.isObject()) {
                message = node.path("errorMessage").asText(message);
                type = node.path("errorType").asText("");
            }
        } catch (java.io.IOException e) {
            // Not JSON: keep the raw body as the message.
        }
        InvocationStatus status = message.contains("Task timed out") ? InvocationStatus.TIMEOUT
                : type.equals("Runtime.ExitError") ? InvocationStatus.CRASHED : InvocationStatus.ERROR;
        result.status(status).errorMessage(type.isEmpty() || message.startsWith(type) ? message : type + ": " + message);
    }

    private static Duration millis(double value) {
        return Duration.ofNanos((long) (value * 1e6));
    }
}
