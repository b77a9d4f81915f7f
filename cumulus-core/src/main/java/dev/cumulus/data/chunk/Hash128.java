package dev.cumulus.data.chunk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * A streaming 128-bit non-cryptographic hash for identifying data: four independent 64-bit lanes
 * over 32-byte blocks (multiply, rotate, multiply, as in xxHash's round), then a finish that
 * mixes the lanes and the length into two 64-bit words. It tells data apart, and tells a damaged
 * file from a sound one; it does not resist someone crafting a collision on purpose.
 *
 * <p>Fed the same bytes, in any split into {@link #update} calls, it gives the same digest.
 */
public final class Hash128 {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final int BLOCK_BYTES = 32;
    /** Bytes copied at a time out of a buffer that has no array. */
    private static final int COPY_BYTES = 1 << 16;

    private long lane0 = P1 + P2;
    private long lane1 = P2;
    private long lane2 = 0;
    private long lane3 = -P1;
    private final byte[] pending = new byte[BLOCK_BYTES];
    private int pendingBytes;
    private long totalBytes;
    private byte[] copyBuffer;

    /** Adds {@code bytes[offset, offset + length)}. */
    public Hash128 update(byte[] bytes, int offset, int length) {
        totalBytes += length;
        int at = offset;
        int end = offset + length;
        if (pendingBytes > 0) {
            int n = Math.min(BLOCK_BYTES - pendingBytes, length);
            System.arraycopy(bytes, at, pending, pendingBytes, n);
            pendingBytes += n;
            at += n;
            if (pendingBytes < BLOCK_BYTES) {
                return this;
            }
            blocks(pending, 0, BLOCK_BYTES);
            pendingBytes = 0;
        }
        int whole = (end - at) & -BLOCK_BYTES;
        blocks(bytes, at, whole);
        at += whole;
        System.arraycopy(bytes, at, pending, 0, end - at);
        pendingBytes = end - at;
        return this;
    }

    public Hash128 update(byte[] bytes) {
        return update(bytes, 0, bytes.length);
    }

    /** Adds the buffer's remaining bytes and moves its position to its limit. */
    public Hash128 update(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            update(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            buffer.position(buffer.limit());
            return this;
        }
        if (copyBuffer == null) {
            copyBuffer = new byte[COPY_BYTES];
        }
        while (buffer.hasRemaining()) {
            int n = Math.min(COPY_BYTES, buffer.remaining());
            buffer.get(copyBuffer, 0, n);
            update(copyBuffer, 0, n);
        }
        return this;
    }

    private void blocks(byte[] b, int from, int length) {
        long a0 = lane0;
        long a1 = lane1;
        long a2 = lane2;
        long a3 = lane3;
        for (int i = from, end = from + length; i < end; i += BLOCK_BYTES) {
            a0 = round(a0, (long) LONG_LE.get(b, i));
            a1 = round(a1, (long) LONG_LE.get(b, i + 8));
            a2 = round(a2, (long) LONG_LE.get(b, i + 16));
            a3 = round(a3, (long) LONG_LE.get(b, i + 24));
        }
        lane0 = a0;
        lane1 = a1;
        lane2 = a2;
        lane3 = a3;
    }

    private static long round(long lane, long input) {
        return Long.rotateLeft(lane + input * P2, 31) * P1;
    }

    /** The 16-byte digest of everything added (the state is left as it was). */
    public byte[] digest() {
        long a0 = lane0;
        long a1 = lane1;
        long a2 = lane2;
        long a3 = lane3;
        if (pendingBytes > 0) {
            byte[] last = new byte[BLOCK_BYTES];
            System.arraycopy(pending, 0, last, 0, pendingBytes);
            a0 = round(a0, (long) LONG_LE.get(last, 0));
            a1 = round(a1, (long) LONG_LE.get(last, 8));
            a2 = round(a2, (long) LONG_LE.get(last, 16));
            a3 = round(a3, (long) LONG_LE.get(last, 24));
        }
        long high = Long.rotateLeft(a0, 1) + Long.rotateLeft(a1, 7) + Long.rotateLeft(a2, 12) + Long.rotateLeft(a3, 18);
        long low = (a0 * P3) ^ Long.rotateLeft(a1 * P4, 17) ^ Long.rotateLeft(a2 * P3, 29) ^ Long.rotateLeft(a3 * P4, 43);
        high = mix(high ^ totalBytes);
        low = mix(low + totalBytes * P1 + high);
        high = mix(high + low);
        byte[] out = new byte[16];
        LONG_LE.set(out, 0, high);
        LONG_LE.set(out, 8, low);
        return out;
    }

    /** The digest as 32 lowercase hex digits. */
    public String hex() {
        return HexFormat.of().formatHex(digest());
    }

    /** Murmur3's 64-bit finaliser: every input bit flips about half of the output bits. */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
