package dev.cumulus.channel.split;

import dev.cumulus.channel.CorruptValueException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

/**
 * The first byte of every item a {@link SplittingChannel} writes under a key says what follows:
 * {@code 0x00} the whole value, or {@code 0x01} a manifest naming the parts of a split value.
 *
 * <pre>
 *   inline:   0x00, value bytes
 *   manifest: 0x01, 16-byte part-set id, int32 part count, int64 total length (big-endian)
 * </pre>
 *
 * Parts live under {@code ~part/ID/INDEX}, independent of the key, so part keys stay short
 * whatever the key; a new value gets a new id, so a reader never mixes parts of two values.
 */
public final class ItemFrame {
    static final byte INLINE = 0;
    static final byte MANIFEST = 1;
    /** Keys under this prefix belong to the channel and are never listed. */
    public static final String PART_PREFIX = "~part/";
    private static final int MANIFEST_BYTES = 1 + 16 + 4 + 8;

    private ItemFrame() {
    }

    /** The item holding a whole value. */
    public static byte[] inline(byte[] value) {
        byte[] item = new byte[value.length + 1];
        item[0] = INLINE;
        System.arraycopy(value, 0, item, 1, value.length);
        return item;
    }

    /** The value of an inline item. */
    public static byte[] inlineValue(byte[] item) {
        return Arrays.copyOfRange(item, 1, item.length);
    }

    static boolean isInline(String store, String key, byte[] item) {
        if (item.length == 0 || (item[0] != INLINE && item[0] != MANIFEST)) {
            throw new CorruptValueException(store + ": key '" + key + "' holds " + item.length
                    + " bytes not written by a Cumulus channel (first byte "
                    + (item.length == 0 ? "none" : "0x" + Integer.toHexString(item[0] & 0xff)) + ")");
        }
        return item[0] == INLINE;
    }

    /** A manifest: where the parts of a split value are and how long it is. */
    record Manifest(UUID id, int parts, long length) {

        byte[] encode() {
            return ByteBuffer.allocate(MANIFEST_BYTES).put(MANIFEST).putLong(id.getMostSignificantBits())
                    .putLong(id.getLeastSignificantBits()).putInt(parts).putLong(length).array();
        }

        static Manifest decode(String store, String key, byte[] item) {
            if (item.length != MANIFEST_BYTES) {
                throw new CorruptValueException(store + ": manifest of key '" + key + "' has " + item.length
                        + " bytes, expected " + MANIFEST_BYTES);
            }
            ByteBuffer in = ByteBuffer.wrap(item, 1, MANIFEST_BYTES - 1);
            return new Manifest(new UUID(in.getLong(), in.getLong()), in.getInt(), in.getLong());
        }

        String partKey(int index) {
            return PART_PREFIX + id + "/" + index;
        }
    }
}
