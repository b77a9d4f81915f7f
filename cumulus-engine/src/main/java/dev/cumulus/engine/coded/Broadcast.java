package dev.cumulus.engine.coded;

import dev.cumulus.coding.StateVector;
import java.nio.ByteBuffer;

/**
 * "Encode and transmit": the coordinator's broadcast of round r, the state vector every worker
 * derives its coefficients from. A round may need a second attempt when a worker the first one
 * counted on died before it sent its vector; the attempt tells the workers which one to answer.
 */
record Broadcast(int attempt, StateVector state) {

    byte[] encode() {
        int[] x = state.toArray();
        ByteBuffer buf = ByteBuffer.allocate(8 + 4 * x.length).putInt(attempt).putInt(x.length);
        for (int v : x) {
            buf.putInt(v);
        }
        return buf.array();
    }

    static Broadcast decode(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int attempt = buf.getInt();
        int[] x = new int[buf.getInt()];
        for (int i = 0; i < x.length; i++) {
            x[i] = buf.getInt();
        }
        return new Broadcast(attempt, StateVector.of(x));
    }

    static byte[] count(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    static long count(byte[] bytes) {
        return ByteBuffer.wrap(bytes).getLong();
    }
}
