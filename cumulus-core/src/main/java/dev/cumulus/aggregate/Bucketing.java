package dev.cumulus.aggregate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Bucketing (Karimireddy, He and Jaggi 2022): shuffle the inputs, cut them into ceil(n/s) buckets
 * of s consecutive inputs (the leftovers form the last, smaller bucket, as in ByzFL) and output each
 * bucket's mean.
 *
 * <p>Each Byzantine input spoils at most one bucket, so the rule that follows sees ceil(n/s) vectors
 * of which up to f are Byzantine; {@link ComposedAggregator} checks that rule's precondition against
 * ceil(n/s). The shuffle comes from a generator seeded once at construction, so successive calls
 * use successive (reproducible) permutations; one instance serves one run and is not thread-safe.
 */
public final class Bucketing implements PreAggregator {
    public static final String NAME = "bucketing";

    private final int bucketSize;
    private final long seed;
    private final SplittableRandom random;

    /**
     * @param bucketSize s, at least 1 (usually 2)
     * @param seed       seeds the shuffles
     */
    public Bucketing(int bucketSize, long seed) {
        if (bucketSize < 1) {
            throw new IllegalArgumentException("Invalid value " + bucketSize + " for bucketing.size: expected at least 1");
        }
        this.bucketSize = bucketSize;
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public Precondition precondition() {
        return Precondition.atLeastOne(NAME);
    }

    @Override
    public int outputCount(int inputs) {
        return (inputs + bucketSize - 1) / bucketSize;
    }

    @Override
    public int inputsFor(int outputs) {
        return outputs <= 1 ? Math.max(outputs, 1) : (outputs - 1) * bucketSize + 1;
    }

    @Override
    public float[][] apply(float[][] inputs) {
        Vectors.checkedLength(NAME, inputs);
        precondition().check(inputs.length);
        int n = inputs.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return bucketMeans(inputs, order, bucketSize);
    }

    /** The means of the buckets of {@code size} consecutive inputs taken in {@code order}. */
    static float[][] bucketMeans(float[][] inputs, int[] order, int size) {
        int buckets = (order.length + size - 1) / size;
        float[][] out = new float[buckets][];
        for (int b = 0; b < buckets; b++) {
            int from = b * size;
            int count = Math.min(size, order.length - from);
            int[] members = Arrays.copyOfRange(order, from, from + count);
            out[b] = Vectors.mean(inputs, members, count);
        }
        return out;
    }

    @Override
    public String toString() {
        return NAME + "(s=" + bucketSize + ", seed=" + seed + ")";
    }
}
