package dev.cumulus.cli.progress;

import dev.cumulus.engine.protocol.RunProgress;
import java.util.Locale;
import java.util.OptionalLong;

/** The words of a progress report, the same on a terminal and in a log. */
final class ProgressText {
    private ProgressText() {
    }

    /** {@code epoch 3/10, step 40/100, loss 0.6512, 0:12 elapsed, ~0:30 left, last round 12 ms}. */
    static String of(RunProgress p, long elapsedMillis, OptionalLong remainingMillis) {
        StringBuilder b = new StringBuilder();
        // Epochs count from 0 in the protocol; people count from 1.
        b.append("epoch ").append(Math.min(p.epoch() + 1, p.epochs())).append('/').append(p.epochs());
        if (p.stepsPerEpoch() > 0) {
            b.append(", step ").append(p.step()).append('/').append(p.stepsPerEpoch());
        }
        b.append(", loss ").append(Double.isFinite(p.trainLoss())
                ? String.format(Locale.ROOT, "%.4g", p.trainLoss()) : "-");
        b.append(", ").append(duration(elapsedMillis)).append(" elapsed");
        b.append(", ").append(remainingMillis.isPresent() ? "~" + duration(remainingMillis.getAsLong()) : "?")
                .append(" left");
        if (Double.isFinite(p.lastRoundMillis()) && p.lastRoundMillis() > 0) {
            b.append(", last round ").append(roundTime(p.lastRoundMillis()));
        }
        return b.toString();
    }

    /** {@code 0:07}, {@code 12:34}, {@code 1:02:03}. */
    static String duration(long millis) {
        long seconds = Math.max(0, millis) / 1000;
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    private static String roundTime(double millis) {
        return millis < 10 ? String.format(Locale.ROOT, "%.1f ms", millis)
                : millis < 10_000 ? String.format(Locale.ROOT, "%.0f ms", millis)
                : String.format(Locale.ROOT, "%.1f s", millis / 1000);
    }
}
