package dev.cumulus.ps;

import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;

/** Binds the {@link Rpc} methods to a {@link DurableModel} and a {@link ModelBoard}. */
final class ParameterService {
    private final DurableModel model;
    private final ModelBoard board;
    private final ServerClock clock;
    private final long maxPullWaitMillis;

    ParameterService(DurableModel model, ModelBoard board, ServerClock clock, long maxPullWaitMillis) {
        this.model = model;
        this.board = board;
        this.clock = clock;
        this.maxPullWaitMillis = maxPullWaitMillis;
    }

    ServerServiceDefinition definition() {
        return ServerServiceDefinition.builder(Rpc.SERVICE)
                .addMethod(Rpc.INIT, ServerCalls.asyncUnaryCall(this::init))
                .addMethod(Rpc.PUSH, ServerCalls.asyncUnaryCall(this::push))
                .addMethod(Rpc.PULL, ServerCalls.asyncUnaryCall(this::pull))
                .addMethod(Rpc.STATUS, ServerCalls.asyncUnaryCall(this::status))
                .build();
    }

    ServerStatus status() {
        return model.status(clock.uptimeMillis(), clock.busyMillis(), clock.requestsServed());
    }

    private void init(ModelInit request, StreamObserver<ServerStatus> reply) {
        clock.begin();
        try {
            model.init(request);
        } catch (IOException | RuntimeException e) {
            fail(reply, e);
            return;
        }
        answer(reply, status());
    }

    private void push(Messages.PushRequest request, StreamObserver<PushReceipt> reply) {
        clock.begin();
        PushReceipt receipt;
        try {
            receipt = model.push(request.worker(), request.round(), request.gradient());
        } catch (IOException | RuntimeException e) {
            fail(reply, e);
            return;
        }
        answer(reply, receipt);
    }

    private void pull(Messages.PullRequest request, StreamObserver<Messages.PullReply> reply) {
        long waitMillis = Math.max(0, Math.min(request.waitMillis(), maxPullWaitMillis));
        ServerCallStreamObserver<Messages.PullReply> call = (ServerCallStreamObserver<Messages.PullReply>) reply;
        ModelBoard.Waiter[] waiter = new ModelBoard.Waiter[1];
        // Registered first, so that a caller that gives up frees its waiter whenever that happens.
        call.setOnCancelHandler(() -> {
            if (waiter[0] != null) {
                waiter[0].cancel();
            }
        });
        waiter[0] = board.await(request.round(), waitMillis, message -> {
            clock.begin();
            answer(call, message);
        });
    }

    private void status(Messages.StatusRequest request, StreamObserver<ServerStatus> reply) {
        clock.begin();
        answer(reply, status());
    }

    private <T> void answer(StreamObserver<T> reply, T message) {
        try {
            reply.onNext(message);
            reply.onCompleted();
        } catch (StatusRuntimeException e) {
            // The caller cancelled or timed out while the answer was being prepared: nobody to tell.
            if (e.getStatus().getCode() != Status.Code.CANCELLED) {
                throw e;
            }
        } finally {
            clock.served();
        }
    }

    private void fail(StreamObserver<?> reply, Exception e) {
        Status status;
        if (e instanceof IllegalArgumentException) {
            status = Status.INVALID_ARGUMENT;
        } else if (e instanceof IllegalStateException) {
            status = Status.FAILED_PRECONDITION;
        } else if (e instanceof IOException) {
            status = Status.INTERNAL.withDescription("not acknowledged, the state could not be recorded: " + e.getMessage());
        } else {
            status = Status.INTERNAL;
        }
        if (status.getDescription() == null) {
            status = status.withDescription(e.getMessage());
        }
        try {
            reply.onError(status.withCause(e).asRuntimeException());
        } finally {
            clock.served();
        }
    }
}
