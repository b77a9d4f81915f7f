package dev.cumulus.ps;

import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The parameter server's gRPC methods, declared by hand over {@link Messages}' binary codecs
 * (no protobuf): service {@value #SERVICE}, methods Init, Push, Pull and Status, all unary.
 */
final class Rpc {
    static final String SERVICE = "cumulus.ps.ParameterServer";

    static final MethodDescriptor<ModelInit, ServerStatus> INIT = unary("Init", Messages.INIT, Messages.STATUS);
    static final MethodDescriptor<Messages.PushRequest, PushReceipt> PUSH = unary("Push", Messages.PUSH, Messages.RECEIPT);
    static final MethodDescriptor<Messages.PullRequest, Messages.PullReply> PULL = unary("Pull", Messages.PULL, Messages.MODEL);
    static final MethodDescriptor<Messages.StatusRequest, ServerStatus> STATUS =
            unary("Status", Messages.STATUS_REQUEST, Messages.STATUS);

    private Rpc() {
    }

    private static <Q, R> MethodDescriptor<Q, R> unary(String name, BinaryCodec<Q> request, BinaryCodec<R> reply) {
        return MethodDescriptor.<Q, R>newBuilder()
                .setType(MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                .setRequestMarshaller(new Marshaller<>(name + " request", request))
                .setResponseMarshaller(new Marshaller<>(name + " reply", reply))
                .build();
    }

    /** Adapts a {@link BinaryCodec} to gRPC; a malformed message fails the call as INVALID_ARGUMENT. */
    private static final class Marshaller<T> implements MethodDescriptor.Marshaller<T> {
        private final String what;
        private final BinaryCodec<T> codec;

        Marshaller(String what, BinaryCodec<T> codec) {
            this.what = what;
            this.codec = codec;
        }

        @Override
        public InputStream stream(T value) {
            return new ByteArrayInputStream(codec.encode(value));
        }

        @Override
        public T parse(InputStream stream) {
            byte[] bytes;
            try {
                bytes = stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the " + what, e);
            }
            try {
                return codec.decode(what, bytes);
            } catch (BinaryReader.MalformedInputException | IllegalArgumentException e) {
                throw Status.INVALID_ARGUMENT.withDescription("malformed " + e.getMessage()).withCause(e)
                        .asRuntimeException();
            }
        }
    }
}
