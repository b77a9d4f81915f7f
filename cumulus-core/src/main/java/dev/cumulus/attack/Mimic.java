package dev.cumulus.attack;

import java.util.random.RandomGenerator;

/**
 * Mimic (Karimireddy, He and Jaggi 2022), in ByzFL's form: every Byzantine peer sends a copy of one
 * fixed honest peer's vector, over-weighting that peer's data under heterogeneity. (The original's
 * warm-up that picks the peer along the honest vectors' top principal direction is not implemented.)
 *
 * @param honestIndex which honest vector to copy, at least 0 (ByzFL: 0)
 */
public record Mimic(int honestIndex) implements Attack {
    public static final String NAME = "mimic";

    public Mimic {
        if (honestIndex < 0) {
            throw new IllegalArgumentException("Invalid value " + honestIndex + " for mimic.honestIndex: expected at least 0");
        }
    }

    @Override
    public float[][] forge(float[][] honest, int count, RandomGenerator random) {
        HonestStatistics.checkedLength(NAME, honest, count);
        if (honestIndex >= honest.length) {
            throw new IllegalArgumentException(NAME + ": honestIndex " + honestIndex + " is out of range for "
                    + honest.length + " honest vectors");
        }
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            out[i] = honest[honestIndex].clone();
        }
        return out;
    }
}
