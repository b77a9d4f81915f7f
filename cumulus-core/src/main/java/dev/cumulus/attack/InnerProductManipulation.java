package dev.cumulus.attack;

import java.util.random.RandomGenerator;

/**
 * Inner product manipulation (IPM, Xie, Koyejo and Gupta 2019, "Fall of empires"): every Byzantine
 * peer sends b = -epsilon * mean. A small epsilon (0.1 in Karimireddy's code, the default here)
 * keeps b inside the honest cloud; ByzFL uses 2. The plain mean reverses once epsilon > (n - f) / f.
 *
 * @param epsilon the scale, finite and > 0
 */
public record InnerProductManipulation(double epsilon) implements Attack {
    public static final String NAME = "ipm";

    public InnerProductManipulation {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("Invalid value " + epsilon + " for ipm.epsilon: expected a finite value > 0");
        }
    }

    @Override
    public float[][] forge(float[][] honest, int count, RandomGenerator random) {
        HonestStatistics.checkedLength(NAME, honest, count);
        double[] b = HonestStatistics.mean(honest);
        for (int k = 0; k < b.length; k++) {
            b[k] *= -epsilon;
        }
        return HonestStatistics.copies(b, count);
    }
}
