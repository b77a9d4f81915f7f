package dev.cumulus.channel.redis;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.output.BooleanOutput;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * How a {@link RedisChannel} wakes a worker waiting for a key: every put also rings the key's
 * bell, a stream of at most one entry ({@code XADD cumulus:bell:KEY MAXLEN 1 * p ""}), and a
 * waiter sends {@code XREAD BLOCK ms STREAMS cumulus:bell:KEY ID} followed at once by the GET of
 * the key, on a connection of its own. Redis holds the GET behind the blocked read and runs it
 * the moment the put rings, so a value that comes late reaches the waiter in the same round trip
 * as the news that it came: no subscription to set up and tear down, no message to wake the
 * waiting thread, no second GET. A stream, not a list, because reading it leaves it as it is
 * for every other reader, and {@code MAXLEN 1} keeps it one entry however often the key is put.
 *
 * <p>The ID a waiter passes is the last entry it saw with the key still absent (the key was
 * deleted or expired after its bell rang), so it blocks until the next put instead of spinning;
 * {@code 0-0} otherwise, which any entry follows.
 */
final class Bells {
    /** Where bells live, beside the keys they ring for. */
    static final String PREFIX = "cumulus:bell:";
    /** The ID before every entry: a waiter that has seen nothing yet reads from here. */
    static final String START = "0-0";
    private static final byte[] EMPTY = new byte[0];

    private Bells() {
    }

    static String of(String key) {
        return PREFIX + key;
    }

    static boolean isBell(String key) {
        return key.startsWith(PREFIX);
    }

    /** Appends an entry to the key's bell, dropping the one before. */
    static AsyncCommand<String, byte[], byte[]> ring(RedisCodec<String, byte[]> codec, String key) {
        CommandArgs<String, byte[]> args = new CommandArgs<>(codec).addKey(of(key)).add("MAXLEN").add(1).add("*")
                .add("p").addValue(EMPTY);
        return new AsyncCommand<>(new Command<>(CommandType.XADD, new ValueOutput<>(codec), args));
    }

    /** Lets the key's bell expire after {@code millis}, as a value put with a time to live does. */
    static AsyncCommand<String, byte[], Boolean> expire(RedisCodec<String, byte[]> codec, String key, long millis) {
        CommandArgs<String, byte[]> args = new CommandArgs<>(codec).addKey(of(key)).add(millis);
        return new AsyncCommand<>(new Command<>(CommandType.PEXPIRE, new BooleanOutput<>(codec), args));
    }

    /**
     * Blocks, at most {@code blockMillis}, until the key's bell has an entry after {@code after};
     * its output is that entry's ID, or null if none came in time.
     */
    static AsyncCommand<String, byte[], String> listen(RedisCodec<String, byte[]> codec, String key, long blockMillis,
                                                       String after) {
        CommandArgs<String, byte[]> args = new CommandArgs<>(codec).add("BLOCK").add(Math.max(1, blockMillis))
                .add("STREAMS").addKey(of(key)).add(after);
        return new AsyncCommand<>(new Command<>(CommandType.XREAD, new EntryId(codec), args));
    }

    /**
     * The ID of the one entry an XREAD of one stream returns. The reply, in RESP2 or RESP3, gives
     * its strings in the order stream key, entry ID, field, value; a timed-out read gives none.
     */
    private static final class EntryId extends CommandOutput<String, byte[], String> {
        private int strings;

        EntryId(RedisCodec<String, byte[]> codec) {
            super(codec, null);
        }

        @Override
        public void set(ByteBuffer bytes) {
            if (bytes != null && strings++ == 1) {
                output = StandardCharsets.US_ASCII.decode(bytes).toString();
            }
        }

        @Override
        public void setSingle(ByteBuffer bytes) {
            set(bytes);
        }

        @Override
        public void set(long integer) {
            // no integers in an XREAD reply
        }

        @Override
        public void multi(int count) {
            // arrays and maps carry nothing we need
        }

        @Override
        public void multiArray(int count) {
        }

        @Override
        public void multiMap(int count) {
        }

        @Override
        public void multiSet(int count) {
        }

        @Override
        public void multiPush(int count) {
        }
    }
}
