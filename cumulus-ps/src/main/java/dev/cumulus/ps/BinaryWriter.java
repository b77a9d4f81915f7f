package dev.cumulus.ps;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian buffer that messages, snapshots and journal records are written into. */
final class BinaryWriter {
    private ByteBuffer buffer;

    BinaryWriter(int initialBytes) {
        buffer = ByteBuffer.allocate(Math.max(16, initialBytes)).order(ByteOrder.LITTLE_ENDIAN);
    }

    BinaryWriter putByte(int value) {
        ensure(1).put((byte) value);
        return this;
    }

    BinaryWriter putInt(int value) {
        ensure(Integer.BYTES).putInt(value);
        return this;
    }

    BinaryWriter putLong(long value) {
        ensure(Long.BYTES).putLong(value);
        return this;
    }

    BinaryWriter putDouble(double value) {
        ensure(Double.BYTES).putDouble(value);
        return this;
    }

    BinaryWriter putBoolean(boolean value) {
        return putByte(value ? 1 : 0);
    }

    BinaryWriter putString(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length);
        ensure(bytes.length).put(bytes);
        return this;
    }

    /** Raw bytes, without a length. */
    BinaryWriter putBytes(byte[] bytes) {
        ensure(bytes.length).put(bytes);
        return this;
    }

    /** A length, then the values as little-endian float32. */
    BinaryWriter putFloats(float[] values) {
        putInt(values.length);
        ByteBuffer target = ensure((long) values.length * Float.BYTES);
        target.asFloatBuffer().put(values);
        target.position(target.position() + values.length * Float.BYTES);
        return this;
    }

    int size() {
        return buffer.position();
    }

    /** The bytes written so far. */
    byte[] toBytes() {
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private ByteBuffer ensure(long bytes) {
        long needed = buffer.position() + bytes;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("message of " + needed + " bytes is too large to encode");
        }
        if (needed > buffer.capacity()) {
            long grown = Math.max(needed, Math.min(Integer.MAX_VALUE - 8L, 2L * buffer.capacity()));
            ByteBuffer larger = ByteBuffer.allocate((int) grown).order(ByteOrder.LITTLE_ENDIAN);
            buffer.flip();
            larger.put(buffer);
            buffer = larger;
        }
        return buffer;
    }
}
