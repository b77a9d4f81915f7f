package dev.cumulus.ps;

import io.grpc.CallOptions;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.util.concurrent.TimeUnit;

/**
 * A connection to a {@link ParameterServer}, used by one worker (or the driver). Every call has a
 * deadline and is retried with backoff while the server does not answer, for up to
 * {@link ClientOptions#retryWaitMillis()}: a server restarted on the same address is picked up
 * again. Retrying a push is safe, since the server acknowledges a (worker, round) it already has
 * without applying it again.
 *
 * <p>A BSP worker of rank w: {@code pull(r)} (waits until round r's model exists), computes its
 * gradient on it, {@code push(w, r, gradient)}, then {@code pull(r + 1)}. An ASP worker:
 * {@code pullLatest()}, computes, {@code push(w, step, gradient)} with its own increasing step count.
 */
public final class ParameterServerClient implements AutoCloseable {
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    /** Passed as a deadline: the call has none of its own, only the retry wait. */
    private static final long NO_DEADLINE = Long.MIN_VALUE;

    private final ClientOptions options;
    private final ManagedChannel channel;

    private ParameterServerClient(ClientOptions options, ManagedChannel channel) {
        this.options = options;
        this.channel = channel;
    }

    /** Prepares a connection; nothing is sent until the first call. */
    public static ParameterServerClient connect(ClientOptions options) {
        ServerAddress address = options.address();
        ManagedChannel channel = NettyChannelBuilder.forAddress(address.host(), address.port(),
                        InsecureChannelCredentials.create())
                .maxInboundMessageSize(options.maxMessageBytes())
                // Retries are ours, with a budget the caller chose; gRPC's own would hide outages.
                .disableRetry()
                .build();
        return new ParameterServerClient(options, channel);
    }

    /** The server this client talks to. */
    public ServerAddress address() {
        return options.address();
    }

    /** Initialises the server's model; repeating the same initialisation is harmless. */
    public ServerStatus init(ModelInit init) {
        return retrying("init of model '" + init.modelId() + "'", NO_DEADLINE,
                attemptMillis -> unary(Rpc.INIT, init, attemptMillis));
    }

    /**
     * Sends a worker's gradient for a round and returns once the server has recorded it durably.
     *
     * @throws ParameterServerException the server refused it (a bad worker rank or length, a BSP round
     *                                  ahead of the model), naming why
     * @throws ServerUnavailableException no answer within the retry wait
     */
    public PushReceipt push(int worker, long round, float[] gradient) {
        Messages.PushRequest request = new Messages.PushRequest(worker, round, gradient);
        return retrying("push of worker " + worker + " for round " + round, NO_DEADLINE,
                attemptMillis -> unary(Rpc.PUSH, request, attemptMillis));
    }

    /**
     * The model of round {@code round} or a later one, waiting up to {@link ClientOptions#pullWaitMillis()}
     * for it to exist (BSP: until every worker pushed round - 1).
     *
     * @throws ParameterServerException the round was not reached within the wait, naming the round reached
     */
    public PulledModel pull(long round) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.pullWaitMillis());
        String what = "pull of round " + round;
        long[] reached = {-1};
        long[] heldMicros = {0};
        PulledModel model = retrying(what, deadline, attemptMillis -> {
            long leftMillis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            long serverWaitMillis = Math.min(leftMillis, options.callTimeoutMillis());
            Messages.PullReply reply = unary(Rpc.PULL, new Messages.PullRequest(round, serverWaitMillis),
                    serverWaitMillis + attemptMillis);
            reached[0] = reply.round();
            heldMicros[0] += reply.heldMicros();
            return reply.ready() ? new PulledModel(reply.round(), reply.parameters(), heldMicros[0]) : null;
        });
        if (model == null) {
            throw new ParameterServerException(address(), "Round " + round + " was not reached within "
                    + options.pullWaitMillis() + " ms at the parameter server at " + address()
                    + " (it is at round " + reached[0] + ")", null);
        }
        return model;
    }

    /** The current model, whatever its round (the ASP worker's pull). */
    public PulledModel pullLatest() {
        return pull(0);
    }

    /** The server's model round, updates, uptime, busy time and requests served. */
    public ServerStatus status() {
        return retrying("status", NO_DEADLINE, attemptMillis -> unary(Rpc.STATUS, new Messages.StatusRequest(),
                attemptMillis));
    }

    private <Q, R> R unary(MethodDescriptor<Q, R> method, Q request, long deadlineMillis) {
        CallOptions call = CallOptions.DEFAULT.withDeadlineAfter(Math.max(1, deadlineMillis), TimeUnit.MILLISECONDS);
        return ClientCalls.blockingUnaryCall(channel, method, call, request);
    }

    /** One attempt, given its deadline; null means "answered, but try again" (a pull whose round is not there). */
    @FunctionalInterface
    private interface Attempt<T> {
        T run(long attemptMillis);
    }

    /**
     * Runs attempts until one returns a value; returns null if {@code deadlineNanos} passes while the
     * server answers "try again" ({@link #NO_DEADLINE}: never). Retries while the server does not
     * answer, for up to the retry wait.
     */
    private <T> T retrying(String what, long deadlineNanos, Attempt<T> attempt) {
        long backoffMillis = options.initialBackoffMillis();
        long retryWaitNanos = TimeUnit.MILLISECONDS.toNanos(options.retryWaitMillis());
        long downSinceNanos = 0;
        boolean down = false;
        int attempts = 0;
        while (true) {
            long attemptMillis = options.callTimeoutMillis();
            if (down) {
                long leftNanos = downSinceNanos + retryWaitNanos - System.nanoTime();
                attemptMillis = Math.max(1, Math.min(attemptMillis, TimeUnit.NANOSECONDS.toMillis(leftNanos)));
            }
            attempts++;
            try {
                T result = attempt.run(attemptMillis);
                if (result != null || passed(deadlineNanos)) {
                    return result;
                }
                down = false;
                backoffMillis = options.initialBackoffMillis();
            } catch (StatusRuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new ParameterServerException(address(), "Interrupted during the " + what
                            + " at the parameter server at " + address(), e);
                }
                if (!retriable(e.getStatus())) {
                    throw new ParameterServerException(address(), "The parameter server at " + address() + " refused the "
                            + what + ": " + describe(e.getStatus()), e);
                }
                long now = System.nanoTime();
                if (!down) {
                    down = true;
                    downSinceNanos = now;
                }
                long leftNanos = downSinceNanos + retryWaitNanos - now;
                if (leftNanos <= 0 || passed(deadlineNanos)) {
                    throw new ServerUnavailableException(address(), "The parameter server at " + address()
                            + " did not answer the " + what + " for " + TimeUnit.NANOSECONDS.toMillis(now - downSinceNanos)
                            + " ms (" + attempts + " attempts; last: " + describe(e.getStatus()) + ")", e);
                }
                sleep(Math.max(1, Math.min(backoffMillis, TimeUnit.NANOSECONDS.toMillis(leftNanos))), what);
                backoffMillis = Math.min(2 * backoffMillis, options.maxBackoffMillis());
                // The channel's own reconnect backoff grows to minutes; our budget decides instead.
                channel.resetConnectBackoff();
            }
        }
    }

    private static boolean passed(long deadlineNanos) {
        return deadlineNanos != NO_DEADLINE && System.nanoTime() - deadlineNanos >= 0;
    }

    /**
     * The server is away, not refusing: UNAVAILABLE, a deadline, or the connection closing under a
     * call. gRPC's Netty transport reports the last as UNKNOWN with a ClosedChannelException (a
     * known quirk, grpc-java #7376) when the server dies while the call is being written. Retrying
     * is safe for every call: pulls read, and the server recognises a push it already holds.
     */
    static boolean retriable(Status status) {
        return status.getCode() == Status.Code.UNAVAILABLE || status.getCode() == Status.Code.DEADLINE_EXCEEDED
                || status.getCode() == Status.Code.UNKNOWN && closedConnection(status.getCause());
    }

    private static boolean closedConnection(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Status status) {
        return status.getDescription() == null ? status.getCode().toString()
                : status.getCode() + ": " + status.getDescription();
    }

    private void sleep(long millis, String what) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParameterServerException(address(), "Interrupted while retrying the " + what
                    + " at the parameter server at " + address(), e);
        }
    }

    /** Closes the connection, waiting briefly for calls in flight. */
    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
