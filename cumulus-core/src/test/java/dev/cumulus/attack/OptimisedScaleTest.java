package dev.cumulus.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cumulus.aggregate.Aggregator;
import dev.cumulus.aggregate.Mean;
import dev.cumulus.aggregate.Precondition;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OptimisedScaleTest {

    private static float[][] h() {
        return new float[][] {{1, 2}, {2, 4}, {3, 0}, {4, 1}};
    }

    /** A defence that trusts the last input while its norm is at most 100, and otherwise returns the honest mean. */
    private static final class TrustsSmallVectors implements Aggregator {
        @Override
        public Precondition precondition() {
            return Precondition.atLeastOne("trusts-small");
        }

        @Override
        public float[] aggregate(float[][] inputs) {
            float[] last = inputs[inputs.length - 1];
            return Math.hypot(last[0], last[1]) <= 100 ? last.clone() : new float[] {2.5f, 1.75f};
        }
    }

    @Test
    void againstTheMeanIpmKeepsDoublingItsStepForTheWholeBudget() {
        // D grows with tau, so every try succeeds: tau = 10 + 20 + ... + 10 * 2^18 after 1 + 19 evaluations.
        float[] b = new OptimisedScale(OptimisedScale.Family.IPM, -1, Mean::new, 20).forge(h(), 1, new SplittableRandom(0))[0];
        double tau = 10 * (Math.pow(2, 19) - 1);
        assertThat(b).containsExactly(new float[] {(float) (-tau * 2.5), (float) (-tau * 1.75)}, within(1f));
    }

    @Test
    void findsTheLargestScaleTheDefenceStillAccepts() {
        AtomicInteger built = new AtomicInteger();
        OptimisedScale attack = new OptimisedScale(OptimisedScale.Family.IPM, -1, () -> {
            built.incrementAndGet();
            return new TrustsSmallVectors();
        }, 20);
        float[] b = attack.forge(h(), 1, new SplittableRandom(0))[0];
        double tau = -b[0] / 2.5;
        double limit = 100 / Math.hypot(2.5, 1.75);
        // Expansion accepts 10 and 30, rejects 70; contraction then closes in on the limit from 30.
        assertThat(tau).isGreaterThan(30).isLessThanOrEqualTo(limit);
        assertThat(tau).isGreaterThan(limit - 1);
        assertThat(built.get()).isEqualTo(20);
    }

    @Test
    void alieMovesAlongSigmaInItsDirection() {
        OptimisedScale attack = new OptimisedScale(OptimisedScale.Family.ALIE, 1, TrustsSmallVectors::new, 20);
        float[] b = attack.forge(h(), 1, new SplittableRandom(0))[0];
        double tau = (b[0] - 2.5) / 1.290994;
        assertThat((double) b[1]).isCloseTo(1.75 + tau * 1.707825, within(1e-3));
        assertThat(tau).isPositive();
        assertThat(Math.hypot(b[0], b[1])).isLessThanOrEqualTo(100);
    }

    @Test
    void aBudgetOfOneEvaluationSendsTheUnscaledVector() {
        float[] ipm = new OptimisedScale(OptimisedScale.Family.IPM, -1, Mean::new, 1).forge(h(), 1, new SplittableRandom(0))[0];
        assertThat(ipm).containsExactly(new float[] {0, 0}, within(0f));
        float[] alie = new OptimisedScale(OptimisedScale.Family.ALIE, -1, Mean::new, 1).forge(h(), 1, new SplittableRandom(0))[0];
        assertThat(alie).containsExactly(2.5f, 1.75f);
    }
}
