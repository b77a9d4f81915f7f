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
