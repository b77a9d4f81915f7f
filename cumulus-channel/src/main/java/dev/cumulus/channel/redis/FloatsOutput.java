package dev.cumulus.channel.redis;

import dev.cumulus.channel.codec.FloatCodec;
import dev.cumulus.channel.codec.FloatSlice;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.output.CommandOutput;
import java.nio.ByteBuffer;

/**
 * The reply to a GET of a float vector, decoded from Lettuce's buffer straight into the target's
 * floats (see {@link FloatCodec#readInto}) instead of into a byte array that is then decoded: in a
 * 16-worker ScatterReduce of 10 MB that array was 300 MB of allocation and copying per round. The
 * output is the number of floats stored, or -1 for an absent key; a value that is not a float
 * vector is kept as the failure, since an exception thrown here would be Lettuce's to handle.
 */
final class FloatsOutput extends CommandOutput<String, byte[], Integer> {
    private final FloatSlice target;
    private RuntimeException failure;

    FloatsOutput(RedisCodec<String, byte[]> codec, FloatSlice target) {
        super(codec, -1);
        this.target = target;
    }

    @Override
    public void set(ByteBuffer bytes) {
        if (bytes == null) {
            output = -1;
            return;
        }
        try {
            output = FloatCodec.readInto(bytes, target);
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** The number of floats stored, or -1 if the key was absent; throws what decoding found wrong. */
    int count() {
        if (failure != null) {
            throw failure;
        }
        return output;
    }
}
