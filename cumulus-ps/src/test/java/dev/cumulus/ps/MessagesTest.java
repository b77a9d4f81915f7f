package dev.cumulus.ps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cumulus.optim.OptimizerSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MessagesTest {

    @Test
    void everyMessageSurvivesEncodingAndDecoding() {
        ModelInit init = new ModelInit("m-1", new float[] {1.5f, -2, Float.MIN_VALUE}, OptimizerSpec.adam(0.001), 3, SyncMode.ASP);
        assertThat(Messages.INIT.decode("init", Messages.INIT.encode(init))).isEqualTo(init);

        Messages.PushRequest push = Messages.PUSH.decode("push", Messages.PUSH.encode(
                new Messages.PushRequest(2, 1L << 40, new float[] {3, 4})));
        assertThat(push.worker()).isEqualTo(2);
        assertThat(push.round()).isEqualTo(1L << 40);
        assertThat(push.gradient()).containsExactly(3, 4);

        ServerStatus status = new ServerStatus(true, "m", SyncMode.BSP, 4, 10, 5, 5, 20, 1000, 300, 44, 12);
        assertThat(Messages.STATUS.decode("status", Messages.STATUS.encode(status))).isEqualTo(status);
        assertThat(new ServerStatus(true, "m", SyncMode.BSP, 4, 10, 5, 5, 20, 5_400_000, 300, 44, 12).uptimeHours()).isEqualTo(1.5);
        ServerStatus empty = new ServerStatus(false, "", null, 0, 0, 0, 0, 0, 1, 0, 0, 0);
        assertThat(Messages.STATUS.decode("status", Messages.STATUS.encode(empty))).isEqualTo(empty);
        Messages.PullReply reply = Messages.MODEL.decode("pull", Messages.MODEL.encode(
                new Messages.PullReply(true, 7, new float[] {1, 2}, 12_345)));
        assertThat(reply.ready()).isTrue();
        assertThat(reply.round()).isEqualTo(7);
        assertThat(reply.parameters()).containsExactly(1, 2);
        assertThat(reply.heldMicros()).isEqualTo(12_345);
    }

    @Test
    void vectorsAreLittleEndianFloat32AfterTheirLength() {
        byte[] bytes = Messages.PUSH.encode(new Messages.PushRequest(1, 2, new float[] {1f, -0.5f}));
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(in.get()).isEqualTo((byte) Messages.FORMAT);
        assertThat(in.getInt()).isEqualTo(1);
        assertThat(in.getLong()).isEqualTo(2);
        assertThat(in.getInt()).isEqualTo(2);
        assertThat(in.getFloat()).isEqualTo(1f);
        assertThat(in.getFloat()).isEqualTo(-0.5f);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void aTruncatedMessageIsRefusedNamingTheFieldItEndedIn() {
        byte[] bytes = Messages.PUSH.encode(new Messages.PushRequest(1, 2, new float[] {1, 2, 3}));
        assertThatThrownBy(() -> Messages.PUSH.decode("Push request", Arrays.copyOf(bytes, bytes.length - 4)))
                .isInstanceOf(BinaryReader.MalformedInputException.class)
                .hasMessageContaining("Push request").hasMessageContaining("gradient length 3");
    }

    @Test
    void anotherFormatIsRefusedNamingBoth() {
        byte[] bytes = Messages.STATUS_REQUEST.encode(new Messages.StatusRequest());
        bytes[0] = 9;
        assertThatThrownBy(() -> Messages.STATUS_REQUEST.decode("Status request", bytes))
                .hasMessageContaining("format 9").hasMessageContaining("speaks " + Messages.FORMAT);
    }
}
