package dev.cumulus.attack;

import java.util.random.RandomGenerator;

/** Sign flipping: every Byzantine peer sends the negated honest mean, b = -mean (ByzFL's definition). */
public final class SignFlip implements Attack {
    public static final String NAME = "sign-flip";

    @Override
    public float[][] forge(float[][] honest, int count, RandomGenerator random) {
        HonestStatistics.checkedLength(NAME, honest, count);
        double[] b = HonestStatistics.mean(honest);
        for (int k = 0; k < b.length; k++) {
            b[k] = -b[k];
        }
        return HonestStatistics.copies(b, count);
    }
}
