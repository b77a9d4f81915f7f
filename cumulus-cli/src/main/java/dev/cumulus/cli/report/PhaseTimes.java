package dev.cumulus.cli.report;

import dev.cumulus.engine.metrics.Phase;
import dev.cumulus.engine.metrics.TimelineEvent;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Seconds each worker spent in each phase, from a run's timeline; and how to show them. Up to
 * {@link #MAX_WORKERS_DRAWN} workers get a bar each; beyond that bars and labels merge into noise,
 * so a chart shows the spread across workers instead: per phase, the quantiles of {@link #LEVELS}.
 */
record PhaseTimes(SortedMap<Integer, double[]> secondsByWorker) {
    /** The most workers drawn one bar each. */
    static final int MAX_WORKERS_DRAWN = 32;
    /** The quantiles drawn beyond that: min, p25, median, p75, max. */
    static final double[] LEVELS = {0, 0.25, 0.5, 0.75, 1};
    static final List<String> LEVEL_NAMES = List.of("min", "p25", "median", "p75", "max");

    PhaseTimes {
        secondsByWorker = Collections.unmodifiableSortedMap(new TreeMap<>(secondsByWorker));
    }

    static PhaseTimes of(List<TimelineEvent> events) {
        SortedMap<Integer, double[]> byWorker = new TreeMap<>();
        for (TimelineEvent e : events) {
            byWorker.computeIfAbsent(e.worker(), w -> new double[Phase.values().length])[e.phase().ordinal()] +=
                    e.durationMicros() / 1e6;
        }
        return new PhaseTimes(byWorker);
    }

    int workers() {
        return secondsByWorker.size();
    }

    /** Whether a chart shows quantiles across workers rather than a bar per worker. */
    boolean drawnAsQuantiles() {
        return workers() > MAX_WORKERS_DRAWN;
    }

    /** The seconds of {@code phase} at each of {@link #LEVELS} across workers (linear between ranks). */
    double[] quantiles(Phase phase) {
        double[] sorted = secondsByWorker.values().stream().mapToDouble(v -> v[phase.ordinal()]).sorted().toArray();
        double[] q = new double[LEVELS.length];
        if (sorted.length == 0) {
            return q;
        }
        for (int i = 0; i < LEVELS.length; i++) {
            double rank = LEVELS[i] * (sorted.length - 1);
            int below = (int) Math.floor(rank);
            int above = Math.min(below + 1, sorted.length - 1);
            q[i] = sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
        }
        return q;
    }

    /** Mean seconds per worker in each phase. */
    double[] means() {
        double[] mean = new double[Phase.values().length];
        secondsByWorker.values().forEach(v -> Arrays.setAll(mean, p -> mean[p] + v[p] / workers()));
        return mean;
    }
}
