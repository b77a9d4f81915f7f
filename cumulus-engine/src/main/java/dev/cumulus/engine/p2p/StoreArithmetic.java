package dev.cumulus.engine.p2p;

import java.util.List;

/**
 * Float-vector arithmetic on values in one store ({@link dev.cumulus.channel.codec.FloatCodec}'s
 * form): inside the store where it can compute (Redis with Cumulus's module), else in the client,
 * which reads the values, computes and writes the result back. Both give the same bits: the same
 * float operations in the same order ({@link FloatArithmetic}).
 */
public interface StoreArithmetic extends AutoCloseable {

    /** {@code target} becomes the sum of {@code keys}, added left to right (any old value is replaced). */
    void sum(String target, List<String> keys);

    /** {@code key} becomes {@code key * factor}. */
    void scale(String key, float factor);

    /** {@code w} becomes {@code w - rate * g}, element by element. */
    void axpy(String w, String g, float rate);

    /**
     * {@code target} becomes the sum of {@code keys}, added left to right, times {@code factor}: the
     * bits of {@link #sum} then {@link #scale}, in one request to a store that computes. {@code target}
     * may be one of {@code keys}.
     */
    void mean(String target, List<String> keys, float factor);

    /**
     * {@link #mean} into {@code target}, then {@code w} becomes {@code w - rate * target} (the bits
     * of {@link #axpy}): a peer's whole averaging and model update, in one request to a store that
     * computes. {@code w} must differ from {@code target} and from every key.
     */
    void meanAndStep(String w, String target, List<String> keys, float factor, float rate);

    /** Whether the arithmetic runs inside the store. */
    boolean inStore();

    /** For the run's log: where the arithmetic runs. */
    String describe();

    @Override
    void close();
}
