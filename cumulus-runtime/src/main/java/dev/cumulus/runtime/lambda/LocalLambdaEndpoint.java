package dev.cumulus.runtime.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server on 127.0.0.1 that speaks the Lambda Invoke API ({@code POST /2015-03-31/functions/NAME/invocations})
 * and runs deployed functions with {@link LambdaHandler}, the way the Lambda service does: one handler per
 * sandbox reused while warm, the deployed memory and timeout, "Task timed out" at the limit, a function
 * error header for unhandled exceptions, 202 for Event invocations, and a REPORT log tail on request.
 *
 * <p>It lets the {@code lambda} platform run end to end on one machine (tests, trying a job before
 * deploying); it is not a Lambda emulator for production use.
 */
public final class LocalLambdaEndpoint implements AutoCloseable {

    private static final Pattern PATH = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A deployed function: its memory, timeout and how to make a new sandbox's handler. */
    public record Deployment(int memoryMb, int timeoutSeconds, Supplier<LambdaHandler> handlers) {
    }

    /** What one asynchronous (Event) invocation produced. */
    record EventOutcome(String functionName, int httpStatus, String body) {
    }

    private final HttpServer server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "local-lambda");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Deployment> deployments = new ConcurrentHashMap<>();
    private final Map<String, Deque<LambdaHandler>> idle = new ConcurrentHashMap<>();
    private final List<LambdaHandler> created = new CopyOnWriteArrayList<>();
    private final List<EventOutcome> events = new CopyOnWriteArrayList<>();
    private final Map<String, Long> billedByInvocationId = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();

    public LocalLambdaEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(workers);
        server.createContext("/2015-03-31/functions/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void deploy(String name, Deployment deployment) {
        deployments.put(name, deployment);
    }

    int requests() {
        return requests.get();
    }

    int maxRunning() {
        return maxRunning.get();
    }

    List<EventOutcome> events() {
        return List.copyOf(events);
    }

    Long billedMillis(String invocationId) {
        return billedByInvocationId.get(invocationId);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        created.forEach(LambdaHandler::close);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!"POST".equals(exchange.getRequestMethod()) || !path.matches()) {
                error(exchange, 400, "InvalidRequestContentException", "Unsupported request");
                return;
            }
            String name = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8);
            Deployment deployment = deployments.get(name);
            if (deployment == null) {
                error(exchange, 404, "ResourceNotFoundException",
                        "Function not found: arn:aws:lambda:us-east-1:000000000000:function:" + name);
                return;
            }
            byte[] event = exchange.getRequestBody().readAllBytes();
            String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
            if ("Event".equals(type)) {
                exchange.sendResponseHeaders(202, -1);
                workers.execute(() -> {
                    Result result = execute(name, deployment, event);
                    events.add(new EventOutcome(name, result.functionError == null ? 200 : 500,
                            new String(result.body, StandardCharsets.UTF_8)));
                });
                return;
            }
            Result result = execute(name, deployment, event);
            if (result.functionError != null) {
                exchange.getResponseHeaders().add("X-Amz-Function-Error", result.functionError);
            }
            if ("Tail".equals(exchange.getRequestHeaders().getFirst("X-Amz-Log-Type"))) {
                exchange.getResponseHeaders().add("X-Amz-Log-Result",
                        Base64.getEncoder().encodeToString(result.log.getBytes(StandardCharsets.UTF_8)));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Amz-Executed-Version", "$LATEST");
            exchange.sendResponseHeaders(200, result.body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(result.body);
            }
        }
    }

    private record Result(byte[] body, String functionError, String log) {
    }

    private Result execute(String name, Deployment deployment, byte[] event) {
        Deque<LambdaHandler> pool = idle.computeIfAbsent(name, n -> new ArrayDeque<>());
        LambdaHandler handler;
        synchronized (pool) {
            handler = pool.pollLast();
        }
        long initNanos = 0;
        if (handler == null) {
            long start = System.nanoTime();
            handler = deployment.handlers().get();
            created.add(handler);
            initNanos = System.nanoTime() - start;
        }
        LocalLambdaContext context = new LocalLambdaContext(name, deployment.memoryMb(), deployment.timeoutSeconds() * 1000L);
        LambdaHandler sandbox = handler;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        long start = System.nanoTime();
        Future<?> run = workers.submit(() -> {
            sandbox.handleRequest(new ByteArrayInputStream(event), out, context);
            return null;
        });
        Result result;
        boolean reusable = true;
        try {
            run.get(deployment.timeoutSeconds(), TimeUnit.SECONDS);
            result = new Result(out.toByteArray(), null, "");
        } catch (TimeoutException e) {
            run.cancel(true);
            reusable = false;
            result = new Result(errorBody(context.getAwsRequestId() + " Task timed out after "
                    + deployment.timeoutSeconds() + ".00 seconds", null), "Unhandled", "");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            result = new Result(errorBody(cause.getMessage(), cause.getClass().getName()), "Unhandled", "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(new byte[0], "Unhandled", "");
        } finally {
            running.decrementAndGet();
        }
        double durationMillis = (System.nanoTime() - start) / 1e6;
        double initMillis = initNanos / 1e6;
        long billed = (long) Math.ceil(durationMillis + initMillis);
        recordBilled(event, billed);
        String log = "START RequestId: " + context.getAwsRequestId() + " Version: $LATEST\n"
                + "END RequestId: " + context.getAwsRequestId() + "\n"
                + String.format("REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB"
                        + "\tMax Memory Used: 64 MB%s\n", context.getAwsRequestId(), durationMillis, billed,
                        deployment.memoryMb(), initNanos > 0 ? String.format("\tInit Duration: %.2f ms", initMillis) : "");
        if (reusable) {
            synchronized (pool) {
                pool.addLast(handler);
            }
        }
        return new Result(result.body, result.functionError, log);
    }

    private void recordBilled(byte[] event, long billed) {
        try {
            billedByInvocationId.put(LambdaRequest.parse(event).invocationId(), billed);
        } catch (RuntimeException e) {
            // Malformed events are part of some tests; they have no invocation id to record.
        }
    }

    private static byte[] errorBody(String message, String type) {
        ObjectNode node = JSON.createObjectNode();
        node.put("errorMessage", message);
        if (type != null) {
            node.put("errorType", type);
            node.putArray("stackTrace");
        }
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("Type", "User");
        node.put("message", message);
        byte[] body = node.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("x-amzn-ErrorType", type);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
