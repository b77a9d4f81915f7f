package dev.cumulus.channel.collective;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The vectors of one round that reached a worker by its deadline (see
 * {@link Collective#gatherArrived}): {@code vectors[rank]} is the vector of that rank, or null for a
 * rank whose vector had not arrived in full.
 *
 * @param round   the round gathered
 * @param vectors by rank; null where the rank's vector is missing
 */
public record Gathered(long round, float[][] vectors) {

    public Gathered {
        Objects.requireNonNull(vectors, "vectors");
    }

    /** The ranks whose vector arrived, ascending (this worker's own always among them). */
    public List<Integer> arrived() {
        return ranks(true);
    }

    /** The ranks whose vector did not arrive by the deadline, ascending. */
    public List<Integer> missing() {
        return ranks(false);
    }

    private List<Integer> ranks(boolean present) {
        List<Integer> ranks = new ArrayList<>();
        for (int rank = 0; rank < vectors.length; rank++) {
            if ((vectors[rank] != null) == present) {
                ranks.add(rank);
            }
        }
        return ranks;
    }
}
