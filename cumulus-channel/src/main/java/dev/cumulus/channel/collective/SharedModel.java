package dev.cumulus.channel.collective;

import dev.cumulus.channel.Channel;
import dev.cumulus.channel.ChannelException;
import dev.cumulus.channel.codec.FloatCodec;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One model kept in a channel that workers update asynchronously (LambdaML's ASP): each worker reads
 * the latest model, changes it and writes it back, without waiting for the others.
 *
 * <p>As in LambdaML there is no lock: two workers that update at the same moment both read the same
 * model and the later write wins, losing the other's change. That lost-update behaviour is what
 * makes ASP cheap and noisy. Only {@link #initialise} needs an atomic operation (put-if-absent);
 * the rest works on any channel.
 */
public final class SharedModel {
    private final Channel channel;
    private final String key;
    private final boolean lz4;

    public SharedModel(Channel channel, String key) {
        this(channel, key, false);
    }

    public SharedModel(Channel channel, String key, boolean lz4) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.key = Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        this.lz4 = lz4;
    }

    /** Writes {@code model}, replacing any model there (the driver's initial model, or a reset). */
    public void publish(float[] model) {
        channel.put(key, FloatCodec.encode(model, lz4));
    }

    /** Writes {@code model} unless a model is already there; returns whether this call wrote it. */
    public boolean initialise(float[] model) {
        return channel.putIfAbsent(key, FloatCodec.encode(model, lz4));
    }

    /** The current model, or empty if none was written yet. */
    public Optional<float[]> read() {
        return channel.get(key).map(FloatCodec::decode);
    }

    /** The current model, waiting up to {@code timeout} for the first one to be written. */
    public float[] await(Duration timeout) {
        return FloatCodec.decode(channel.await(key, timeout));
    }

    /**
     * Reads the model, applies {@code change} and writes the result back; returns what was written.
     *
     * @throws ChannelException if there is no model yet, or {@code change} alters its length
     */
    public float[] update(UnaryOperator<float[]> change) {
        float[] current = read().orElseThrow(() -> new ChannelException(channel.describe()
                + ": shared model '" + key + "' does not exist; initialise it first"));
        float[] next = change.apply(current);
        if (next.length != current.length) {
            throw new ChannelException("shared model '" + key + "' has " + current.length
                    + " floats; an update may not change that (got " + next.length + ")");
        }
        channel.put(key, FloatCodec.encode(next, lz4));
        return next;
    }

    /** Adds {@code scale * delta} to the model (a gradient step when {@code scale} is minus the learning rate). */
    public float[] add(float[] delta, float scale) {
        return update(model -> {
            if (delta.length != model.length) {
                throw new ChannelException("shared model '" + key + "' has " + model.length
                        + " floats; the update has " + delta.length);
            }
            for (int i = 0; i < model.length; i++) {
                model[i] += scale * delta[i];
            }
            return model;
        });
    }

    /** Removes the model. */
    public void delete() {
        channel.delete(key);
    }
}
