package dev.cumulus.ps;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads what a {@link BinaryWriter} wrote; every length is checked against the bytes that remain,
 * so a truncated or corrupt input fails with {@link MalformedInputException} naming what was being read.
 */
final class BinaryReader {
    /** The input ended early or held an impossible value. */
    static final class MalformedInputException extends RuntimeException {
        MalformedInputException(String message) {
            super(message);
        }
    }

    private final String source;
    private final ByteBuffer buffer;

    BinaryReader(String source, byte[] bytes) {
        this(source, ByteBuffer.wrap(bytes));
    }

    BinaryReader(String source, ByteBuffer buffer) {
        this.source = source;
        this.buffer = buffer.order(ByteOrder.LITTLE_ENDIAN);
    }

    int getByte(String field) {
        need(1, field);
        return buffer.get() & 0xff;
    }

    boolean getBoolean(String field) {
        int b = getByte(field);
        if (b > 1) {
            throw malformed(field + " is " + b + ", expected 0 or 1");
        }
        return b == 1;
    }

    int getInt(String field) {
        need(Integer.BYTES, field);
        return buffer.getInt();
    }

    long getLong(String field) {
        need(Long.BYTES, field);
        return buffer.getLong();
    }

    double getDouble(String field) {
        need(Double.BYTES, field);
        return buffer.getDouble();
    }

    String getString(String field) {
        int length = length(field, 1);
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    float[] getFloats(String field) {
        int length = length(field, Float.BYTES);
        float[] values = new float[length];
        buffer.asFloatBuffer().get(values);
        buffer.position(buffer.position() + length * Float.BYTES);
        return values;
    }

    int remaining() {
        return buffer.remaining();
    }

    /** Fails unless every byte was read. */
    void expectEnd() {
        if (buffer.hasRemaining()) {
            throw malformed(buffer.remaining() + " unexpected bytes at the end");
        }
    }

    MalformedInputException malformed(String what) {
        return new MalformedInputException(source + ": " + what);
    }

    private int length(String field, int elementBytes) {
        int length = getInt(field + " length");
        if (length < 0 || (long) length * elementBytes > buffer.remaining()) {
            throw malformed(field + " length " + length + " does not fit the " + buffer.remaining() + " bytes left");
        }
        return length;
    }

    private void need(int bytes, String field) {
        if (buffer.remaining() < bytes) {
            throw malformed("ends before " + field + " (" + bytes + " bytes needed, " + buffer.remaining() + " left)");
        }
    }
}
