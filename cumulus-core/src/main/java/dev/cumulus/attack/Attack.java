package dev.cumulus.attack;

import java.util.random.RandomGenerator;

/**
 * A model attack: the vectors the Byzantine peers send in one round, forged from that round's honest
 * vectors (the omniscient threat model of byzantine.md).
 *
 * <p>Attacks never modify the honest vectors. Randomised attacks draw only from {@code random}, so a
 * seeded generator makes a run reproducible; the others ignore it.
 */
public interface Attack {

    /**
     * The {@code count} Byzantine vectors for this round.
     *
     * @param honest the honest vectors, at least one, all of the same length d
     * @param count  the number of Byzantine peers, at least 0
     * @param random the source of randomness for randomised attacks
     * @return {@code count} fresh vectors of length d
     */
    float[][] forge(float[][] honest, int count, RandomGenerator random);
}
