package dev.cumulus.engine.protocol;

import dev.cumulus.engine.job.StragglerSpec;
import java.util.SplittableRandom;

/**
 * What the job's injected stragglers and failures do to one function: after each step's
 * computation it sleeps the extra time its rank and the round call for (inside the compute span,
 * so the timeline records it as slow computation), and it fails where the job says.
 */
public final class Straggler {
    private final StragglerSpec spec;
    private final RoleTask task;
    private final boolean slow;

    public Straggler(RoleTask task) {
        this.spec = task.job().stragglers();
        this.task = task;
        this.slow = spec.slow().contains(task.rank());
    }

    /**
     * Sleeps the extra time of a step (or chunk) whose own computation took {@code computeNanos}:
     * the drawn delay, and for a slow worker (factor - 1) times the computation and the delay.
     */
    public void afterCompute(long round, long computeNanos) {
        double delayMillis = 0;
        double[] delay = spec.delayParameters();
        if (delay != null) {
            // Seeded by job, rank and round: a re-run or a re-invoked worker draws the same delays.
            SplittableRandom random = new SplittableRandom(task.job().seed() * 0x9E3779B97F4A7C15L
                    + task.rank() * 0xBF58476D1CE4E5B9L + round);
            delayMillis = spec.delay().startsWith("pareto")
                    ? delay[0] * Math.pow(1 - random.nextDouble(), -1 / delay[1])
                    : delay[0] - delay[1] * Math.log(1 - random.nextDouble());
        }
        double extraMillis = delayMillis + (slow ? (spec.factor() - 1) * (computeNanos / 1e6 + delayMillis) : 0);
        if (extraMillis > 0) {
            try {
                Thread.sleep((long) extraMillis, (int) ((extraMillis % 1) * 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Fails here if this rank is to fail at {@code round} and this is its first attempt. */
    public void maybeFail(long round) {
        if (task.resume() || round != spec.failRound() || !spec.fail().contains(task.rank())) {
            return;
        }
        if (task.job().platform().remote()) {
            // As a killed function: no goodbye, no checkpoint.
            Runtime.getRuntime().halt(137);
        }
        throw new IllegalStateException("injected failure of rank " + task.rank() + " at round " + round);
    }
}
