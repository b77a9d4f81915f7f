package dev.cumulus.attack;

import dev.cumulus.aggregate.Aggregator;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * An omniscient attack that tunes the scale tau of ALIE (b = mean + direction * tau * sigma) or IPM
 * (b = -tau * mean) against the defence it faces, as ByzFL's Optimal_ALIE and Optimal_IPM do
 * ("Fixing by mixing"): it maximises D(tau) = ||defence(honest + f copies of b(tau)) - mean||.
 *
 * <p>The search follows byzantine.md: from tau = 0 and step 10, expansion tries tau + step, accepts
 * and doubles the step while D improves, and on the first failure shrinks the step by 0.8 and
 * stops; contraction then tries tau + step, accepts it if D improves, and shrinks the step by 0.8
 * each time, until {@code evaluations} values of D (D(0) included) are spent. Each evaluation runs
 * a fresh defence from {@code defence}, so a stateful rule (centred clipping, bucketing) is probed
 * from its initial state rather than advanced.
 *
 * @param family      ALIE or IPM
 * @param direction   for ALIE, -1 or +1 (the sign of sigma); ignored for IPM
 * @param defence     builds the defence (pre-aggregators and rule) the honest peers run
 * @param evaluations the budget of D evaluations, at least 1 (ByzFL: 20)
 */
public record OptimisedScale(Family family, int direction, Supplier<Aggregator> defence, int evaluations) implements Attack {
    /** The attack families whose scale is searched. */
    public enum Family { ALIE, IPM }

    public static final String ALIE_NAME = "optimal-alie";
    public static final String IPM_NAME = "optimal-ipm";
    private static final double INITIAL_STEP = 10;
    private static final double SHRINK = 0.8;

    public OptimisedScale {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(defence, "defence");
        if (direction != -1 && direction != 1) {
            throw new IllegalArgumentException("Invalid value " + direction + " for " + name(family) + ".direction: expected -1 or 1");
        }
        if (evaluations < 1) {
            throw new IllegalArgumentException("Invalid value " + evaluations + " for " + name(family)
                    + ".evaluations: expected at least 1");
        }
    }

    private static String name(Family family) {
        return family == Family.ALIE ? ALIE_NAME : IPM_NAME;
    }

    @Override
    public float[][] forge(float[][] honest, int count, RandomGenerator random) {
        int d = HonestStatistics.checkedLength(name(family), honest, count);
        if (family == Family.ALIE && honest.length < 2) {
            throw new IllegalArgumentException(name(family) + ": needs at least 2 honest vectors for a standard deviation, got "
                    + honest.length);
        }
        double[] mean = HonestStatistics.mean(honest);
        double[] sigma = family == Family.ALIE ? HonestStatistics.standardDeviation(honest, mean) : null;
        float[][] all = new float[honest.length + count][];
        System.arraycopy(honest, 0, all, 0, honest.length);
        double[] b = new double[d];

        double tau = 0;
        double best = damage(tau, mean, sigma, b, all, honest.length, count);
        int spent = 1;
        double step = INITIAL_STEP;
        while (spent < evaluations) {
            double candidate = damage(tau + step, mean, sigma, b, all, honest.length, count);
            spent++;
            if (candidate > best) {
                tau += step;
                best = candidate;
                step *= 2;
            } else {
                step *= SHRINK;
                break;
            }
        }
        while (spent < evaluations) {
            double candidate = damage(tau + step, mean, sigma, b, all, honest.length, count);
            spent++;
            if (candidate > best) {
                tau += step;
                best = candidate;
            }
            step *= SHRINK;
        }
        vector(tau, mean, sigma, b);
        return HonestStatistics.copies(b, count);
    }

    /** b(tau) into {@code out}. */
    private double[] vector(double tau, double[] mean, double[] sigma, double[] out) {
        for (int k = 0; k < mean.length; k++) {
            out[k] = family == Family.ALIE ? mean[k] + direction * tau * sigma[k] : -tau * mean[k];
        }
        return out;
    }

    /** D(tau): how far the defence's output lands from the honest mean when f peers send b(tau). */
    private double damage(double tau, double[] mean, double[] sigma, double[] b, float[][] all, int honestCount, int count) {
        vector(tau, mean, sigma, b);
        float[][] byzantine = HonestStatistics.copies(b, count);
        System.arraycopy(byzantine, 0, all, honestCount, count);
        float[] out = defence.get().aggregate(all);
        double sum = 0;
        for (int k = 0; k < mean.length; k++) {
            double diff = out[k] - mean[k];
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }
}
