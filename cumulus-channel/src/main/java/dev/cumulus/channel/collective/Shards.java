package dev.cumulus.channel.collective;

/**
 * How ScatterReduce cuts a vector of {@code length} floats into {@code count} contiguous shards whose
 * sizes differ by at most one: shard k is {@code [k*length/count, (k+1)*length/count)}.
 */
public record Shards(int length, int count) {

    public Shards {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length);
        }
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
    }

    public int start(int shard) {
        return (int) ((long) shard * length / count);
    }

    public int end(int shard) {
        return (int) ((long) (shard + 1) * length / count);
    }

    public int size(int shard) {
        return end(shard) - start(shard);
    }
}
