package dev.cumulus.sim.gc;

import java.util.List;

/**
 * The outcome of a simulation: per-scheme completion-time statistics, mean errors at every
 * deadline, and every trial (in trial order).
 *
 * @param scenario           what was simulated
 * @param qMax               Q_max(parts) of the order used
 * @param waitForAll         completion of the uncoded wait-for-all scheme
 * @param classic            completion of classic gradient coding
 * @param partial            completion of the partial-straggler code
 * @param meanIgnoreError    mean normalised MSE per deadline, ignoring stragglers
 * @param meanClassicError   mean normalised MSE per deadline, classic
 * @param meanPartialError   mean normalised MSE per deadline, partial work used
 * @param trials             every trial
 * @param elapsedMillis      wall-clock time of the run
 */
public record GcReport(GcScenario scenario, int qMax, Statistic waitForAll, Statistic classic, Statistic partial,
                       double[] meanIgnoreError, double[] meanClassicError, double[] meanPartialError,
                       List<TrialResult> trials, long elapsedMillis) {

    /**
     * Mean and standard deviation of the finite values, and how many were finite.
     *
     * @param mean      mean over completed trials (NaN if none)
     * @param std       sample standard deviation over completed trials (0 for one, NaN for none)
     * @param completed trials that completed
     * @param total     all trials
     */
    public record Statistic(double mean, double std, int completed, int total) {

        /** Statistics of the finite values among {@code values}. */
        public static Statistic of(double[] values) {
            int n = 0;
            double sum = 0;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    n++;
                    sum += v;
                }
            }
            if (n == 0) {
                return new Statistic(Double.NaN, Double.NaN, 0, values.length);
            }
            double mean = sum / n;
            double squares = 0;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    squares += (v - mean) * (v - mean);
                }
            }
            return new Statistic(mean, n > 1 ? Math.sqrt(squares / (n - 1)) : 0.0, n, values.length);
        }
    }

    /** Mean classic completion time over mean partial completion time. */
    public double speedupOverClassic() {
        return classic.mean() / partial.mean();
    }
}
