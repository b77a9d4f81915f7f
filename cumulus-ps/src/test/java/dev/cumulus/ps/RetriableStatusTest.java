package dev.cumulus.ps;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

class RetriableStatusTest {

    @Test
    void aServerAwayOrAConnectionClosedUnderTheCallIsRetried() {
        assertThat(ParameterServerClient.retriable(Status.UNAVAILABLE)).isTrue();
        assertThat(ParameterServerClient.retriable(Status.DEADLINE_EXCEEDED)).isTrue();
        // What gRPC's Netty transport reports when the server is killed while a call is written.
        assertThat(ParameterServerClient.retriable(
                Status.UNKNOWN.withDescription("channel closed").withCause(new ClosedChannelException()))).isTrue();
        assertThat(ParameterServerClient.retriable(Status.UNKNOWN.withDescription("channel closed")
                .withCause(new IOException("write failed", new ClosedChannelException())))).isTrue();
    }

    @Test
    void aRefusalOrAnUnknownFailureOfAnotherKindIsNot() {
        assertThat(ParameterServerClient.retriable(Status.INVALID_ARGUMENT)).isFalse();
        assertThat(ParameterServerClient.retriable(Status.FAILED_PRECONDITION)).isFalse();
        assertThat(ParameterServerClient.retriable(Status.UNKNOWN.withDescription("boom"))).isFalse();
        assertThat(ParameterServerClient.retriable(Status.UNKNOWN.withCause(new IllegalStateException()))).isFalse();
    }
}
