package dev.cumulus.channel.collective;

/**
 * A reduction that every worker of a group joins once per round, exchanging vectors only through a
 * channel.
 *
 * <p>Every worker calls {@link #sum} with the same {@code round} and a vector of the same length;
 * each gets back the element-wise sum over all workers. For rules that need every vector rather
 * than their sum (a median, Krum), {@link #gather}, {@link #gatherTo} and {@link #gatherArrived}
 * hand over the vectors themselves. Rounds must increase (a round may hold one sum and one gather);
 * each worker uses its own instance.
 */
public interface Collective {

    /**
     * The element-wise sum of {@code vector} over every worker of the group for {@code round}.
     *
     * @throws LateWorkersException when some workers did not contribute within the timeout; it names them
     * @throws dev.cumulus.channel.ChannelException when the channel fails or a worker sent a vector of another length
     */
    float[] sum(long round, float[] vector);

    /**
     * As {@link #sum(long, float[])}, written into {@code result} (of the vector's length, and not
     * the vector itself) and returned: a worker that sums every round can keep one buffer instead
     * of taking a new array of the model's size each time. Every element of {@code result} is
     * overwritten.
     */
    default float[] sum(long round, float[] vector, float[] result) {
        checkResult(vector, result);
        System.arraycopy(sum(round, vector), 0, result, 0, result.length);
        return result;
    }

    /** Refuses a result buffer {@link #sum(long, float[], float[])} cannot write into. */
    static void checkResult(float[] vector, float[] result) {
        if (result == vector) {
            throw new IllegalArgumentException("result must not be the vector itself: its parts may still be on their way out");
        }
        if (result.length != vector.length) {
            throw new IllegalArgumentException("result has " + result.length + " floats, the vector " + vector.length);
        }
    }

    /**
     * Every worker's vector of {@code round}, indexed by rank, bit for bit as written (this
     * worker's own as a copy): every worker of the group calls it with the same {@code round} and a
     * vector of the same length, and each gets all of them.
     *
     * @throws LateWorkersException when some vectors did not arrive within the timeout; it names their ranks
     * @throws dev.cumulus.channel.ChannelException when the channel fails or a worker sent a vector of another length
     */
    float[][] gather(long round, float[] vector);

    /**
     * As {@link #gather}, but only {@code root} reads the vectors: the root gets them all, every
     * other worker gets an empty result as soon as its vector is stored, without waiting for the
     * others. Every worker passes the same root.
     *
     * @throws LateWorkersException at the root, when some vectors did not arrive within the timeout
     */
    java.util.Optional<float[][]> gatherTo(int root, long round, float[] vector);

    /**
     * As {@link #gather}, tolerating workers that are late or gone: waits until every vector is
     * there or {@code wait} has passed, and returns those that arrived in full (the group's
     * timeout does not apply). A worker more than a round behind the others may find their older
     * vectors deleted, and counts them missing.
     *
     * @param minimum the fewest vectors, this worker's own included, that make a result
     * @throws LateWorkersException when fewer than {@code minimum} arrived within {@code wait}; it names the missing ranks
     */
    Gathered gatherArrived(long round, float[] vector, java.time.Duration wait, int minimum);

    /** Number of workers in the group. */
    int workers();

    /** The element-wise mean over the group: {@link #sum} divided by {@link #workers()}. */
    default float[] mean(long round, float[] vector) {
        float[] total = sum(round, vector);
        float scale = 1.0f / workers();
        for (int i = 0; i < total.length; i++) {
            total[i] *= scale;
        }
        return total;
    }

    /**
     * Removes every key the group wrote under its prefix; call once, from one worker, after the
     * group's last round (earlier rounds are cleaned up as the group goes).
     */
    void cleanUp();
}
