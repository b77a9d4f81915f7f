package dev.cumulus.channel.collective;

/**
 * The float arrays into which a summing worker reads the other workers' parts, kept from round to
 * round. Two sets, so that part p + 1 arrives into one while part p is summed from the other.
 */
final class PartBuffers {
    private final float[][][] sets = new float[2][][];

    /**
     * Forgets both sets, after a round that failed with reads possibly still in flight: a late
     * reply then lands in arrays nobody uses any more rather than in the next round's inputs.
     */
    void discard() {
        sets[0] = null;
        sets[1] = null;
    }

    /** The set for {@code part}: {@code inputs} arrays of at least {@code floats} floats each. */
    float[][] forPart(int part, int inputs, int floats) {
        int k = part & 1;
        float[][] set = sets[k];
        if (set == null || set.length != inputs || (inputs > 0 && set[0].length < floats)) {
            set = new float[inputs][floats];
            sets[k] = set;
        }
        return set;
    }
}
