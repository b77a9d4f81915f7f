package dev.cumulus.aggregate;

import java.util.Arrays;

/**
 * Bulyan (El Mhamdi, Guerraoui and Rouault 2018): pick theta = n - 2f inputs by running Krum
 * theta times, each time on the inputs not yet picked; then, per coordinate, average the
 * beta = theta - 2f picked values nearest their median. Needs n >= 4f + 3 (Flower enforces the same).
 *
 * <p>Each inner Krum uses k = max(1, |R| - f - 2) neighbours over the remaining set R (Flower's
 * choice; without the max, k reaches 0 when f = 1). At k = 1 a mutually nearest pair always ties,
 * and the tie goes to the lexicographically smaller vector (see the package documentation). In the second step, at equal distance from the median
 * the lower value is taken first.
 */
public final class Bulyan implements Aggregator {
    public static final String NAME = "bulyan";

    private final int f;

    public Bulyan(int f) {
        Vectors.requireNonNegativeF(NAME, f);
        this.f = f;
    }

    @Override
    public Precondition precondition() {
        return Precondition.linear(NAME, f, 4, 3);
    }

    @Override
    public float[] aggregate(float[][] inputs) {
        Vectors.checkedLength(NAME, inputs);
        precondition().check(inputs.length);
        int[] picked = select(inputs);
        int beta = picked.length - 2 * f;
        return Columns.apply(inputs, picked, sorted -> Columns.meanNearestMedian(sorted, beta));
    }

    /** The theta input indices the Krum rounds pick, in the order they are picked. */
    int[] select(float[][] inputs) {
        int n = inputs.length;
        int theta = n - 2 * f;
        double[][] distances = Vectors.squaredDistances(inputs);
        int[] remaining = KrumScores.all(n);
        int[] picked = new int[theta];
        for (int round = 0; round < theta; round++) {
            int k = Math.max(1, remaining.length - f - 2);
            double[] scores = KrumScores.of(distances, remaining, k);
            int winner = Vectors.ascendingOrder(scores, inputs, remaining)[0];
            picked[round] = remaining[winner];
            remaining = without(remaining, winner);
        }
        return picked;
    }

    private static int[] without(int[] members, int position) {
        int[] out = Arrays.copyOf(members, members.length - 1);
        System.arraycopy(members, position + 1, out, position, members.length - position - 1);
        return out;
    }

    @Override
    public String toString() {
        return NAME + "(f=" + f + ")";
    }
}
