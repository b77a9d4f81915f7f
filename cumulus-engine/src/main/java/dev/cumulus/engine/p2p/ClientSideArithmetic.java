package dev.cumulus.engine.p2p;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.codec.FloatCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@link StoreArithmetic} for a store that cannot compute: read the values, compute here, write back. */
final class ClientSideArithmetic implements StoreArithmetic {
    private final Channel channel;

    ClientSideArithmetic(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void sum(String target, List<String> keys) {
        channel.put(target, FloatCodec.encode(FloatArithmetic.sum(readAll(keys))));
    }

    @Override
    public void mean(String target, List<String> keys, float factor) {
        float[] mean = FloatArithmetic.sum(readAll(keys));
        FloatArithmetic.scale(mean, factor);
        channel.put(target, FloatCodec.encode(mean));
    }

    @Override
    public void meanAndStep(String w, String target, List<String> keys, float factor, float rate) {
        if (w.equals(target) || keys.contains(w)) {
            throw new IllegalArgumentException("the model " + w + " must differ from the mean and from every source");
        }
        List<String> all = new ArrayList<>(keys);
        all.add(w);
        float[][] vectors = readAll(all);
        float[] weights = vectors[keys.size()];
        float[] mean = FloatArithmetic.sum(Arrays.copyOf(vectors, keys.size()));
        FloatArithmetic.scale(mean, factor);
        FloatArithmetic.axpy(weights, mean, rate);
        channel.putAll(Map.of(target, FloatCodec.encode(mean), w, FloatCodec.encode(weights)));
    }

    /** The values under {@code keys}, in one pipelined read. */
    private float[][] readAll(List<String> keys) {
        List<byte[]> values = channel.getAllAsync(keys).join();
        float[][] vectors = new float[keys.size()][];
        for (int i = 0; i < vectors.length; i++) {
            if (values.get(i) == null) {
                throw new IllegalStateException(channel.describe() + ": no value under " + keys.get(i));
            }
            vectors[i] = FloatCodec.decode(values.get(i));
        }
        return vectors;
    }

    @Override
    public void scale(String key, float factor) {
        float[] v = read(key);
        FloatArithmetic.scale(v, factor);
        channel.put(key, FloatCodec.encode(v));
    }

    @Override
    public void axpy(String w, String g, float rate) {
        float[] weights = read(w);
        FloatArithmetic.axpy(weights, read(g), rate);
        channel.put(w, FloatCodec.encode(weights));
    }

    private float[] read(String key) {
        return FloatCodec.decode(channel.get(key).orElseThrow(() ->
                new IllegalStateException(channel.describe() + ": no value under " + key)));
    }

    @Override
    public boolean inStore() {
        return false;
    }

    @Override
    public String describe() {
        return "client-side (" + channel.describe() + " has no server-side arithmetic)";
    }

    @Override
    public void close() {
        // the channel belongs to the caller
    }
}
