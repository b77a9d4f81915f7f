package dev.cumulus.channel;

import java.nio.charset.StandardCharsets;

/**
 * How a counter written by {@link Channel#increment} is stored: its decimal digits in ASCII, as Redis
 * and Memcached store them, so {@link Channel#get} on a counter reads the same on every channel.
 */
public final class CounterValue {
    private CounterValue() {
    }

    public static byte[] encode(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    /** @throws CorruptValueException naming the store and key when the bytes are not a decimal long */
    public static long decode(String store, String key, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.US_ASCII).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
            throw new CorruptValueException(store + ": key '" + key + "' holds '" + shown
                    + "', not a counter (expected a decimal integer)");
        }
    }
}
