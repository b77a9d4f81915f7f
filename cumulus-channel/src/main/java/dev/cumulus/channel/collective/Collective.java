package dev.cumulus.channel.collective;

/**
 * A reduction that every worker of a group joins once per round, exchanging vectors only through a
 * channel.
 *
 * <p>Every worker calls {@link #sum} with the same {@code round} and a vector of the same length;
 * each gets back the element-wise sum over all workers. Rounds must increase; each worker uses its
 * own instance.
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
