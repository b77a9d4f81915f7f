package dev.cumulus.engine.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where training is, as one function reports it for the person watching: the epoch and step,
 * the running training loss, and how long the last round took.
 *
 * @param trainLoss the mean loss of the current epoch so far (NaN before its first step)
 * @param lastRoundMillis wall time of the last round (compute and exchange)
 */
public record RunProgress(int epoch, int epochs, int step, int stepsPerEpoch, double trainLoss,
        double lastRoundMillis) {

    /** Fraction of the run's steps done, in [0, 1]. */
    public double fraction() {
        double total = (double) epochs * Math.max(1, stepsPerEpoch);
        return Math.min(1, (epoch * (double) Math.max(1, stepsPerEpoch) + step) / total);
    }

    byte[] encode() {
        return String.format(Locale.ROOT, "%d,%d,%d,%d,%s,%s", epoch, epochs, step, stepsPerEpoch,
                Double.toString(trainLoss), Double.toString(lastRoundMillis)).getBytes(StandardCharsets.UTF_8);
    }

    static RunProgress decode(byte[] bytes) {
        String[] f = new String(bytes, StandardCharsets.UTF_8).split(",");
        return new RunProgress(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                Integer.parseInt(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]));
    }
}
