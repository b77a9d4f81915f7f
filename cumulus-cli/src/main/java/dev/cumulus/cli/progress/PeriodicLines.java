package dev.cumulus.cli.progress;

import dev.cumulus.engine.protocol.RunProgress;
import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Progress in a log (CI, a file, a test): whole lines, each starting {@code cumulus: }, no control
 * characters. A report is printed when it is the first, when it starts a new epoch at least a
 * second after the last line, or when {@link #INTERVAL_MILLIS} have passed; the rest are dropped,
 * so a fast run does not flood the log and a slow one still shows it is alive.
 */
final class PeriodicLines implements ProgressDisplay {
    static final long INTERVAL_MILLIS = 5_000;
    static final long MIN_EPOCH_INTERVAL_MILLIS = 1_000;

    private final PrintWriter err;
    private final LongSupplier clockMillis;
    private final long startMillis;
    private final Estimate estimate = new Estimate();
    private long lastPrintedMillis;
    private int lastPrintedEpoch = -1;

    PeriodicLines(PrintWriter err, LongSupplier clockMillis) {
        this.err = err;
        this.clockMillis = clockMillis;
        this.startMillis = clockMillis.getAsLong();
    }

    @Override
    public synchronized void stage(String line) {
        err.println("cumulus: " + line);
        err.flush();
    }

    @Override
    public synchronized void progress(RunProgress progress) {
        long now = clockMillis.getAsLong();
        estimate.observe(progress.fraction(), now);
        if (due(progress.epoch(), now)) {
            lastPrintedMillis = now;
            lastPrintedEpoch = progress.epoch();
            err.println("cumulus: " + ProgressText.of(progress, now - startMillis, estimate.remainingMillis(now)));
            err.flush();
        }
    }

    private boolean due(int epoch, long now) {
        long since = now - lastPrintedMillis;
        return lastPrintedEpoch < 0 || since >= INTERVAL_MILLIS
                || (epoch != lastPrintedEpoch && since >= MIN_EPOCH_INTERVAL_MILLIS);
    }

    @Override
    public void close() {
    }
}
