package dev.cumulus.sim.straggler;

import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * How long workers take for their chunks: a per-chunk time distribution, an optional persistent
 * per-worker slowdown factor, a fraction of workers slowed by a fixed factor and a fraction of
 * failed workers (which never finish a chunk). Pure and seeded: the simulator and, later, straggler
 * injection in real runs draw from it with their own {@link SplittableRandom}.
 *
 * @param chunkTime      time of one chunk on a normal worker
 * @param workerSlowdown if present, each worker's time is multiplied by one draw from it, kept for
 *                       all its chunks (a persistent per-worker speed)
 * @param slowFraction   fraction of workers (rounded to the nearest count) slowed by {@code slowdown}
 * @param slowdown       factor >= 1 applied to the slow workers
 * @param failFraction   fraction of workers (rounded) that fail and never finish a chunk
 */
public record StragglerModel(ChunkTimeDistribution chunkTime, Optional<ChunkTimeDistribution> workerSlowdown,
                             double slowFraction, double slowdown, double failFraction) {

    /** Validates the fields. */
    public StragglerModel {
        Objects.requireNonNull(chunkTime, "chunkTime");
        Objects.requireNonNull(workerSlowdown, "workerSlowdown");
        requireFraction("slow fraction", slowFraction);
        requireFraction("fail fraction", failFraction);
        if (!(slowdown >= 1) || Double.isInfinite(slowdown)) {
            throw new IllegalArgumentException("slowdown must be a finite factor >= 1, got " + slowdown);
        }
    }

    /** Only the per-chunk distribution: no slow or failed workers. */
    public static StragglerModel of(ChunkTimeDistribution chunkTime) {
        return new StragglerModel(chunkTime, Optional.empty(), 0, 1, 0);
    }

    /**
     * Per-worker time multipliers for one round or job: 1, times a draw of the persistent slowdown
     * if any, times {@code slowdown} for a random subset of round(slowFraction N) workers, and
     * infinity for a random subset of round(failFraction N) workers.
     */
    public double[] workerFactors(int workers, SplittableRandom random) {
        double[] factors = new double[workers];
        for (int j = 0; j < workers; j++) {
            factors[j] = workerSlowdown.map(d -> d.sample(random)).orElse(1.0);
        }
        for (int j : randomSubset(workers, (int) Math.round(slowFraction * workers), random)) {
            factors[j] *= slowdown;
        }
        for (int j : randomSubset(workers, (int) Math.round(failFraction * workers), random)) {
            factors[j] = Double.POSITIVE_INFINITY;
        }
        return factors;
    }

    /** Per-chunk times {@code [j][p]} for worker j's p-th chunk, scaled by the worker's factor. */
    public double[][] chunkTimes(int[] loads, double[] factors, SplittableRandom random) {
        double[][] times = new double[loads.length][];
        for (int j = 0; j < loads.length; j++) {
            times[j] = new double[loads[j]];
            for (int p = 0; p < loads[j]; p++) {
                times[j][p] = factors[j] * chunkTime.sample(random);
            }
        }
        return times;
    }

    private static int[] randomSubset(int n, int size, SplittableRandom random) {
        int[] all = new int[n];
        for (int k = 0; k < n; k++) {
            all[k] = k;
        }
        for (int k = 0; k < size; k++) {
            int r = k + random.nextInt(n - k);
            int tmp = all[k];
            all[k] = all[r];
            all[r] = tmp;
        }
        return java.util.Arrays.copyOf(all, size);
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }
}
