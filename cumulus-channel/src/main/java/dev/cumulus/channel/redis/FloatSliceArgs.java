package dev.cumulus.channel.redis;

import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.channel.codec.FloatSlice;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The arguments of a SET whose value is a {@link FloatSlice}: the key as usual, then the value as
 * a RESP bulk string whose floats are written straight into the connection's outgoing buffer when
 * Lettuce encodes the command, so no byte array of the value is made.
 */
final class FloatSliceArgs extends CommandArgs<String, byte[]> {
    private static final byte[] CRLF = {'\r', '\n'};

    private final FloatSlice slice;

    FloatSliceArgs(RedisCodec<String, byte[]> codec, String key, FloatSlice slice) {
        super(codec);
        if (slice.lz4()) {
            throw new IllegalArgumentException("compressed slices are encoded to an array first");
        }
        addKey(key);
        this.slice = slice;
    }

    @Override
    public int count() {
        return super.count() + 1;
    }

    @Override
    public void encode(ByteBuf buf) {
        super.encode(buf);
        int size = FloatCodec.plainSize(slice.count());
        buf.writeByte('$');
        buf.writeBytes(Integer.toString(size).getBytes(StandardCharsets.US_ASCII));
        buf.writeBytes(CRLF);
        buf.ensureWritable(size + CRLF.length);
        if (buf.nioBufferCount() == 1) {
            ByteBuffer target = buf.nioBuffer(buf.writerIndex(), size);
            FloatCodec.writePlain(slice.vector(), slice.from(), slice.to(), target);
            buf.writerIndex(buf.writerIndex() + size);
        } else {
            // A buffer made of several pieces gives a copy as its NIO view: write an array instead.
            buf.writeBytes(slice.encode());
        }
        buf.writeBytes(CRLF);
    }
}
