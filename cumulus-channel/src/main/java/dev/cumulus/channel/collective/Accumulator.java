package dev.cumulus.channel.collective;

import dev.cumulus.channel.CorruptValueException;
import dev.cumulus.channel.codec.FloatCodec;

/**
 * Sums float vectors in double precision, in the order they are added, so every worker that
 * receives the result sees the same floats and the sum is the exact sum correctly rounded for all
 * but pathological inputs.
 */
final class Accumulator {
    private final double[] total;

    Accumulator(int length) {
        total = new double[length];
    }

    void add(float[] vector, int from) {
        for (int i = 0; i < total.length; i++) {
            total[i] += vector[from + i];
        }
    }

    /** Decodes and adds a contribution; {@code who} names it if it has the wrong length. */
    void addEncoded(byte[] encoded, String who) {
        int length = FloatCodec.length(encoded);
        if (length != total.length) {
            throw new CorruptValueException(who + " has " + length + " floats, expected " + total.length
                    + " (do all workers pass vectors of the same length?)");
        }
        FloatCodec.addTo(encoded, total);
    }

    float[] toFloats() {
        float[] out = new float[total.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) total[i];
        }
        return out;
    }
}
