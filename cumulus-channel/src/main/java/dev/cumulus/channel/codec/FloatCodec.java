package dev.cumulus.channel.codec;

import dev.cumulus.channel.CorruptValueException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

/**
 * The binary form of a float vector in a channel: a 6-byte header, then the floats in little-endian
 * IEEE 754, optionally compressed with LZ4.
 *
 * <pre>
 *   byte 0      'F' (0x46)
 *   byte 1      flags: bit 0 set = LZ4 block follows
 *   bytes 2..5  float count n, int32 little-endian
 *   plain:      4n bytes of floats
 *   LZ4:        int32 LE compressed length c, then c bytes of an LZ4 block that expands to 4n bytes
 * </pre>
 */
public final class FloatCodec {
    private static final byte MAGIC = 'F';
    private static final int FLAG_LZ4 = 1;
    private static final int HEADER_BYTES = 6;
    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    /** Little-endian floats in a byte array, for element-wise reads (bulk reads go through a FloatBuffer, at memcpy speed). */
    private static final VarHandle LE_FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

    private FloatCodec() {
    }

    /** Encodes the whole vector without compression. */
    public static byte[] encode(float[] vector) {
        return encode(vector, 0, vector.length, false);
    }

    /** Encodes the whole vector, LZ4-compressed when {@code lz4} is set. */
    public static byte[] encode(float[] vector, boolean lz4) {
        return encode(vector, 0, vector.length, lz4);
    }

    /** Encodes {@code vector[from, to)}, a shard of a longer vector. */
    public static byte[] encode(float[] vector, int from, int to, boolean lz4) {
        if (from < 0 || to > vector.length || from > to) {
            throw new IndexOutOfBoundsException("shard [" + from + ", " + to + ") of a vector of " + vector.length);
        }
        int count = to - from;
        ByteBuffer raw = ByteBuffer.allocate(HEADER_BYTES + 4 * count).order(ByteOrder.LITTLE_ENDIAN);
        raw.put(MAGIC).put((byte) 0).putInt(count);
        raw.asFloatBuffer().put(vector, from, count);
        if (!lz4) {
            return raw.array();
        }
        LZ4Compressor compressor = LZ4.fastCompressor();
        int bound = compressor.maxCompressedLength(4 * count);
        byte[] out = new byte[HEADER_BYTES + 4 + bound];
        int compressed = compressor.compress(raw.array(), HEADER_BYTES, 4 * count, out, HEADER_BYTES + 4, bound);
        ByteBuffer header = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).put((byte) FLAG_LZ4).putInt(count).putInt(compressed);
        return java.util.Arrays.copyOf(out, HEADER_BYTES + 4 + compressed);
    }

    /** The size of {@code count} floats encoded without compression. */
    public static int plainSize(int count) {
        return HEADER_BYTES + 4 * count;
    }

    /**
     * Writes {@code vector[from, to)} in the uncompressed form ({@link #plainSize} bytes) at the
     * position of {@code target}, which it advances: the same bytes as {@link #encode}, written
     * straight into a store's buffer.
     */
    public static void writePlain(float[] vector, int from, int to, ByteBuffer target) {
        if (from < 0 || to > vector.length || from > to) {
            throw new IndexOutOfBoundsException("shard [" + from + ", " + to + ") of a vector of " + vector.length);
        }
        int count = to - from;
        ByteBuffer out = target.slice().order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 0).putInt(count);
        out.asFloatBuffer().put(vector, from, count);
        target.position(target.position() + plainSize(count));
    }

    /**
     * Decodes a vector written by {@link #encode}, compressed or not.
     *
     * @throws CorruptValueException when the bytes are not an encoded vector
     */
    public static float[] decode(byte[] bytes) {
        if (bytes.length < HEADER_BYTES || bytes[0] != MAGIC) {
            throw new CorruptValueException("not an encoded float vector: " + bytes.length
                    + " bytes" + (bytes.length > 0 ? " starting with 0x" + Integer.toHexString(bytes[0] & 0xff) : "")
                    + " (expected header byte 'F')");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        in.position(1);
        int flags = in.get();
        int count = in.getInt();
        if (count < 0 || (flags & ~FLAG_LZ4) != 0) {
            throw new CorruptValueException("bad float vector header: flags " + flags + ", count " + count);
        }
        float[] vector = new float[count];
        if ((flags & FLAG_LZ4) == 0) {
            if (bytes.length != HEADER_BYTES + 4L * count) {
                throw new CorruptValueException("float vector of " + count + " floats should be "
                        + (HEADER_BYTES + 4L * count) + " bytes, got " + bytes.length);
            }
            readFloats(bytes, HEADER_BYTES, vector, 0, count);
            return vector;
        }
        if (bytes.length < HEADER_BYTES + 4) {
            throw new CorruptValueException("LZ4 float vector truncated: " + bytes.length + " bytes");
        }
        int compressed = in.getInt();
        if (compressed < 0 || compressed != bytes.length - HEADER_BYTES - 4) {
            throw new CorruptValueException("LZ4 float vector says " + compressed + " compressed bytes, holds "
                    + (bytes.length - HEADER_BYTES - 4));
        }
        byte[] plain = new byte[4 * count];
        LZ4FastDecompressor decompressor = LZ4.fastDecompressor();
        try {
            int read = decompressor.decompress(bytes, HEADER_BYTES + 4, plain, 0, plain.length);
            if (read != compressed) {
                throw new CorruptValueException("LZ4 block used " + read + " of " + compressed + " bytes");
            }
        } catch (LZ4Exception e) {
            throw new CorruptValueException("LZ4 float vector cannot be decompressed: " + e.getMessage(), e);
        }
        ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    /**
     * Adds the floats of an encoded vector to {@code total[0..n)} without materialising them, for
     * reductions; returns n.
     *
     * @throws CorruptValueException when the bytes are not an encoded vector, or hold more than {@code total.length} floats
     */
    public static int addTo(byte[] bytes, double[] total) {
        if (bytes.length >= HEADER_BYTES && bytes[0] == MAGIC && bytes[1] == 0) {
            int count = length(bytes);
            if (count < 0 || bytes.length != HEADER_BYTES + 4L * count) {
                throw new CorruptValueException("float vector of " + count + " floats should be "
                        + (HEADER_BYTES + 4L * count) + " bytes, got " + bytes.length);
            }
            if (count > total.length) {
                throw new CorruptValueException("float vector of " + count + " floats does not fit " + total.length);
            }
            for (int i = 0; i < count; i++) {
                total[i] += (float) LE_FLOAT.get(bytes, HEADER_BYTES + 4 * i);
            }
            return count;
        }
        float[] vector = decode(bytes);
        if (vector.length > total.length) {
            throw new CorruptValueException("float vector of " + vector.length + " floats does not fit " + total.length);
        }
        for (int i = 0; i < vector.length; i++) {
            total[i] += vector[i];
        }
        return vector.length;
    }

    /**
     * Decodes an encoded vector straight into {@code target} at {@code offset}; returns the number
     * of floats written.
     *
     * @throws CorruptValueException when the bytes are not an encoded vector or do not fit
     */
    public static int decodeInto(byte[] bytes, float[] target, int offset) {
        if (bytes.length >= HEADER_BYTES && bytes[0] == MAGIC && bytes[1] == 0) {
            int count = length(bytes);
            if (count < 0 || bytes.length != HEADER_BYTES + 4L * count) {
                throw new CorruptValueException("float vector of " + count + " floats should be "
                        + (HEADER_BYTES + 4L * count) + " bytes, got " + bytes.length);
            }
            if (offset < 0 || offset + (long) count > target.length) {
                throw new CorruptValueException("float vector of " + count + " floats does not fit at "
                        + offset + " in " + target.length);
            }
            readFloats(bytes, HEADER_BYTES, target, offset, count);
            return count;
        }
        float[] vector = decode(bytes);
        if (offset < 0 || offset + (long) vector.length > target.length) {
            throw new CorruptValueException("float vector of " + vector.length + " floats does not fit at "
                    + offset + " in " + target.length);
        }
        System.arraycopy(vector, 0, target, offset, vector.length);
        return vector.length;
    }

    private static void readFloats(byte[] bytes, int from, float[] target, int offset, int count) {
        ByteBuffer.wrap(bytes, from, 4 * count).slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
                .get(target, offset, count);
    }

    /**
     * Reads the encoded vector in the remaining bytes of {@code bytes} (left as they are) into
     * {@code target} when it holds exactly {@code target.count()} floats, and returns the number
     * of floats it holds either way, so that a caller can name a vector of the wrong length. The
     * bytes may be a view of a store's own buffer: an uncompressed vector is copied from there
     * into the floats once.
     *
     * @throws CorruptValueException when the bytes are not an encoded vector
     */
    public static int readInto(ByteBuffer bytes, FloatSlice target) {
        ByteBuffer in = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int start = in.position();
        int size = in.remaining();
        if (size < HEADER_BYTES || in.get(start) != MAGIC || in.get(start + 1) != 0) {
            byte[] copy = new byte[size];
            in.get(copy);
            float[] vector = decode(copy);
            if (vector.length == target.count()) {
                System.arraycopy(vector, 0, target.vector(), target.from(), vector.length);
            }
            return vector.length;
        }
        int count = in.getInt(start + 2);
        if (count < 0 || size != HEADER_BYTES + 4L * count) {
            throw new CorruptValueException("float vector of " + count + " floats should be "
                    + (HEADER_BYTES + 4L * count) + " bytes, got " + size);
        }
        if (count == target.count()) {
            in.position(start + HEADER_BYTES);
            in.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(target.vector(), target.from(), count);
        }
        return count;
    }

    /**
     * {@link #readInto} for each value that is there: per value, the number of floats it holds,
     * or -1 for a null (absent) value.
     */
    public static int[] readAll(java.util.List<byte[]> values, java.util.List<FloatSlice> targets) {
        int[] counts = new int[values.size()];
        for (int i = 0; i < counts.length; i++) {
            byte[] value = values.get(i);
            counts[i] = value == null ? -1 : readInto(ByteBuffer.wrap(value), targets.get(i));
        }
        return counts;
    }

    /** The number of floats in an encoded vector, read from its header alone. */
    public static int length(byte[] bytes) {
        if (bytes.length < HEADER_BYTES || bytes[0] != MAGIC) {
            throw new CorruptValueException("not an encoded float vector (" + bytes.length + " bytes)");
        }
        return ByteBuffer.wrap(bytes, 2, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
