package dev.cumulus.attack;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Every Byzantine peer sends a vector filled with one non-finite value (+infinity or NaN), to test
 * that honest peers screen such vectors out rather than crash or propagate them.
 *
 * @param value NaN or an infinity
 */
public record NonFiniteValues(float value) implements Attack {
    /** Sends +infinity. */
    public static final String INF = "inf";
    /** Sends NaN. */
    public static final String NAN = "nan";

    public NonFiniteValues {
        if (Float.isFinite(value)) {
            throw new IllegalArgumentException("Invalid value " + value + " for a non-finite attack: expected NaN or an infinity");
        }
    }

    @Override
    public float[][] forge(float[][] honest, int count, RandomGenerator random) {
        int d = HonestStatistics.checkedLength(Float.isNaN(value) ? NAN : INF, honest, count);
        float[][] out = new float[count][d];
        for (float[] row : out) {
            Arrays.fill(row, value);
        }
        return out;
    }
}
