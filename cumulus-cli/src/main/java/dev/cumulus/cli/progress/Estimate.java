package dev.cumulus.cli.progress;

import java.util.OptionalLong;

/**
 * Time left in training, from the pace since the first report: the fraction done since then over
 * the time it took. Start-up and data loading come before the first report, so they do not make
 * the estimate pessimistic. Unknown until the fraction has moved.
 */
final class Estimate {
    private long firstMillis = -1;
    private double firstFraction;
    private long lastMillis;
    private OptionalLong remainingAtLastMillis = OptionalLong.empty();

    /** Records that {@code fraction} of training was done at {@code nowMillis}. */
    void observe(double fraction, long nowMillis) {
        if (firstMillis < 0) {
            firstMillis = nowMillis;
            firstFraction = fraction;
        }
        lastMillis = nowMillis;
        double done = fraction - firstFraction;
        long took = nowMillis - firstMillis;
        remainingAtLastMillis = done > 0 && took > 0
                ? OptionalLong.of(Math.round((1 - fraction) * took / done)) : OptionalLong.empty();
    }

    /** Milliseconds left at {@code nowMillis}: the last estimate, counting down between reports. */
    OptionalLong remainingMillis(long nowMillis) {
        if (remainingAtLastMillis.isEmpty()) {
            return remainingAtLastMillis;
        }
        return OptionalLong.of(Math.max(0, remainingAtLastMillis.getAsLong() - (nowMillis - lastMillis)));
    }
}
